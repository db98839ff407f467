"""What every test folder shares: nothing is changed at import (no directory, no sys.path).

Tests find the repository's files through ``tests.paths.ROOT``; pytest imports the ``tests``
package from the repository root (rootdir), and the project itself is installed (make install).
"""
