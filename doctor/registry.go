package doctor

// Registry returns every check, in the order findings are produced (the
// report sorts them by severity afterwards). The list is explicit so that
// adding a check is one line here and one file of its family.
func Registry() []*Check {
	return []*Check{
		// Bytes and PEM text.
		checkErased, checkNULBeforeHeader, checkPrivateKey, checkLabel, checkArmourCase,
		checkCROnly, checkMixedEOL, checkLiteralN, checkLookalike, checkJoined,
		checkCSyntax, checkBase64Bytes, checkTruncated, checkBOM,
		// How the buffer is passed.
		checkLength,
		// What the parser says about the blocks and the DER.
		checkBundle, checkDER, checkDERTrailing,
		// What the build can use.
		checkConfig,
		// The certificates themselves.
		checkNotAnchor, checkValidity, checkWeakKey, checkSize, checkHeap,
	}
}

func checkByID(id string) *Check {
	for _, k := range Registry() {
		if k.ID == id {
			return k
		}
	}
	return nil
}
