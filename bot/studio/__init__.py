"""The staff studio (`between studio`): see, try and pin the flows on a local web page; also
`between stats` (where clients drop off) and `between schema` (the dialog files' JSON Schema)."""
