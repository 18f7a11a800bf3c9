"""Files for the cutting room and the factory: the graded pattern (DXF in the AAMA/ASTM
D6673 convention, SVG and PDF at 1:1), technical flats and the tech pack."""
