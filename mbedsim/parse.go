package mbedsim

import "bytes"

// ParseDER predicts mbedtls_x509_crt_parse_der(&chain, der, len(der)) on an
// empty chain: one certificate from the start of der (bytes after its outer
// SEQUENCE are ignored). Exactly one of the results is nil. A nil der stands
// for a NULL pointer (-0x2800); an empty, non-nil one is a zero-length
// buffer.
func ParseDER(b Build, der []byte) (*Cert, *Failure) {
	tables()
	if der == nil {
		return nil, badInput(&b)
	}
	w := walker{b: &b, d: der}
	if b.v36() {
		w.v = 1
	}
	if w.parseDER() != 0 {
		return nil, w.failure()
	}
	return w.cert(), nil
}

func badInput(b *Build) *Failure {
	v := 0
	if b.v36() {
		v = 1
	}
	return &Failure{Ret: errX509BadInputData, Step: "input", Cite: ruleCite[rCrtParse][v], Reason: "the buffer pointer is NULL"}
}

// ParseCRT predicts mbedtls_x509_crt_parse(&chain, buf, len(buf)) on an
// empty chain. A nil buf stands for a NULL pointer (-0x2800); an empty,
// non-nil one is a zero-length buffer, which goes down the DER path.
func ParseCRT(b Build, buf []byte) *Result {
	tables()
	if buf == nil {
		f := badInput(&b)
		return &Result{Ret: f.Ret, Blocks: []Block{{HeaderOffset: -1, BodyStart: -1, BodyEnd: -1, FooterOffset: -1, Ret: f.Ret, Failure: f}}}
	}
	// library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3,3.6.6: PEM only if PEM parsing is
	// compiled in, the length counts a terminating NUL, and strstr finds the
	// exact header before the first NUL. Anything else is one DER
	// certificate, whatever the bytes are.
	if b.PEMParse && len(buf) > 0 && buf[len(buf)-1] == 0 {
		// The header is in the text before the first NUL if its first
		// occurrence in the buffer ends before any NUL: usually a look at
		// 27 bytes, not a scan of the whole buffer for its NUL.
		if h := indexHeader(buf); h == 0 || h > 0 && bytes.IndexByte(buf[:h], 0) < 0 {
			return parsePEM(&b, buf, nil)
		}
	}
	r := &Result{}
	blk := Block{Start: 0, End: len(buf), HeaderOffset: -1, BodyStart: -1, BodyEnd: -1, FooterOffset: -1}
	cert, fail := ParseDER(b, buf)
	var h heap
	if cert != nil {
		r.Certs = []*Cert{cert}
		h.cert(&b, cert.heap, false)
	} else {
		blk.Ret = fail.Ret
		blk.Failure = fail
		r.Ret = fail.Ret
		h.failed(&b, fail.heap, false)
	}
	r.Blocks = []Block{blk}
	r.HeapBytes = h.peak
	return r
}

// parsePEM is the PEM loop of library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3,3.6.6. buf ends
// with a NUL; str is buf up to its first NUL, all that strstr ever sees,
// found only when a block needs it (nil until then).
func parsePEM(b *Build, buf, str []byte) *Result {
	r := &Result{PEM: true}
	var h heap
	success, firstErr, failed := false, 0, 0
	pos := 0
	// "while (buflen > 1)": the last byte is the terminating NUL.
	for len(buf)-pos > 1 {
		var pr pemResult
		if str == nil {
			pr = pemReadIn(b, buf, pos, false)
		}
		if str != nil || pr.unsure {
			if str == nil {
				str = buf[:bytes.IndexByte(buf, 0)]
			}
			pr = pemRead(b, str, pos)
		}
		blk := Block{Start: pos, End: pos, HeaderOffset: pr.header, BodyStart: pr.bodyStart,
			BodyEnd: pr.bodyEnd, FooterOffset: pr.footer, Ret: pr.ret, Failure: pr.fail}
		switch {
		case pr.ret == 0:
		case pr.ret == errPEMBadInputData:
			// 3.6: an empty body aborts the whole call; certificates already
			// parsed stay in the chain.
			r.Blocks = append(r.Blocks, blk)
			r.Ret = pr.ret
			r.HeapBytes = h.peak
			return r
		case pr.ret == errPEMNoHeaderFooter:
			// The scan stops here, even if valid blocks follow.
			blk.StoppedScan = true
			r.Blocks = append(r.Blocks, blk)
			goto done
		default:
			// Header and footer were found: skip the block, remember the
			// first error.
			blk.End = pos + pr.useLen
			pos += pr.useLen
			if firstErr == 0 {
				firstErr = pr.ret
			}
			failed++
			r.Blocks = append(r.Blocks, blk)
			continue
		}
		blk.End = pos + pr.useLen
		pos += pr.useLen
		w := walker{b: b, d: pr.der}
		if b.v36() {
			w.v = 1
		}
		if w.parseDER() != 0 {
			blk.Ret = w.ret
			blk.Failure = w.failure()
			if firstErr == 0 {
				firstErr = w.ret
			}
			failed++
			h.pemBlock(len(pr.der))
			h.failed(b, w.heapFacts(), len(r.Certs) > 0)
		} else {
			c := w.cert()
			h.pemBlock(len(pr.der))
			h.cert(b, c.heap, len(r.Certs) > 0)
			r.Certs = append(r.Certs, c)
			success = true
		}
		h.endBlock()
		r.Blocks = append(r.Blocks, blk)
	}
done:
	switch {
	case success:
		r.Ret = failed
	case firstErr != 0:
		r.Ret = firstErr
	default:
		r.Ret = errX509CertUnknownFormat
	}
	r.HeapBytes = h.peak
	return r
}
