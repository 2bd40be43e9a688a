"""Import and export: header matching, cell parsing, stage mapping, the importer and the export columns."""
