"""The data sheets' writers, one module per group of sheets: what packgen writes on each."""
