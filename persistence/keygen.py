"""Print a new data key for BETWEEN_DATA_KEY: ``python -m persistence.keygen``."""

from persistence.crypto import generate_key

if __name__ == "__main__":
    print(generate_key())
