package mbedsim

// Tests reach unexported parsers directly; build the tables first.
func init() { tables() }
