package mbedsim

import (
	"strconv"
	"time"
)

// Result is what mbedtls_x509_crt_parse(&chain, buf, len) does with one
// buffer.
type Result struct {
	// Ret is what the C function returns: 0, a negative error code, or the
	// positive count of PEM blocks that failed when at least one parsed.
	Ret int
	// PEM reports that the PEM path was taken: PEM parsing is compiled in,
	// the buffer ends with a NUL, and "-----BEGIN CERTIFICATE-----" occurs
	// before its first NUL.
	PEM bool
	// Blocks are, on the PEM path, every block the loop looked at, in order,
	// including the one where the scan stopped; on the DER path there is one.
	Blocks []Block
	// Certs are the certificates added to the chain, in order.
	Certs []*Cert
	// HeapBytes estimates the heap a 32-bit device needs for this call at
	// its peak (see heap.go for the model).
	HeapBytes int
}

// Block is one iteration of the PEM loop (or the single DER parse).
type Block struct {
	// Start and End are the byte range of buf this iteration consumed
	// (End == Start when the scan stopped here).
	Start, End int
	// HeaderOffset and FooterOffset are where the BEGIN and END lines were
	// found, BodyStart and BodyEnd the base64 text between them; -1 when not
	// found. On the DER path they are all -1.
	HeaderOffset, BodyStart, BodyEnd, FooterOffset int
	// Ret is this block's outcome: 0, or the PEM or DER error code.
	Ret int
	// Failure explains Ret; nil if the block parsed.
	Failure *Failure
	// StoppedScan reports that pem_read_buffer said NO_HEADER_FOOTER here
	// and the loop broke: nothing after Start was looked at.
	StoppedScan bool
}

// Failure explains one error code.
type Failure struct {
	// Ret is the exact code, including the sum of a high- and low-level part.
	Ret int
	// Offset is where the problem is: in buf for PEM and base64 errors, in
	// the DER (the decoded block on the PEM path) for DER errors.
	Offset int
	// Step is the field being read, e.g. "tbsCertificate.validity.notAfter".
	Step string
	// Cite is the mbedTLS function that returns the code,
	// "library/x509_crt.c:x509_get_dates@2.28.3".
	Cite string
	// Reason says what is wrong in plain words.
	Reason string

	heap heapFacts // what the failing certificate had allocated (heap model)
}

// Hex returns the code as mbedTLS users write it ("-0x21E2").
func (f *Failure) Hex() string { return HexCode(f.Ret) }

// HexCode formats a return value the way mbedTLS prints them: negative
// codes as -0xNNNN, others in decimal.
func HexCode(ret int) string {
	if ret >= 0 {
		return strconv.Itoa(ret)
	}
	s := strconv.FormatInt(int64(-ret), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	b := []byte("-0x" + s)
	for i := 3; i < len(b); i++ {
		if b[i] >= 'a' && b[i] <= 'f' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// Cert is one certificate as the device's chain holds it.
type Cert struct {
	// Raw is the certificate's DER (the outer SEQUENCE only; bytes after it
	// are not part of it). It aliases the input on the DER path and the
	// decoded block on the PEM path.
	Raw []byte
	// Version is 1, 2 or 3.
	Version int
	// SerialHex is the serial as mbedtls_x509_serial_gets prints it
	// ("01:AB:..."; a leading zero octet is dropped).
	SerialHex string
	// SigAlg names the signature algorithm ("sha256WithRSAEncryption"),
	// SigHash its digest ("SHA256") and SigPK its key type ("RSA", "ECDSA",
	// "RSASSA-PSS").
	SigAlg, SigHash, SigPK string
	// Issuer and Subject are readable distinguished names
	// ("CN=Root, O=Example"); RawIssuer and RawSubject their DER.
	Issuer, Subject       string
	RawIssuer, RawSubject []byte
	// NotBefore and NotAfter are the validity dates in UTC.
	NotBefore, NotAfter time.Time
	// KeyType is "RSA" or "EC"; KeyBits the modulus or field size; Curve
	// the curve's name for EC keys ("secp256r1").
	KeyType string
	KeyBits int
	Curve   string
	// IsCA is basicConstraints cA. MaxPathLen is its pathLenConstraint, -1
	// when absent.
	IsCA       bool
	MaxPathLen int
	// KeyUsage holds the keyUsage bits as mbedTLS stores them (first octet
	// in the low byte: MBEDTLS_X509_KU_KEY_CERT_SIGN is 0x04); 0 when absent.
	KeyUsage uint
	// HasKeyUsage says the keyUsage extension is present (crt->ext_types):
	// an absent one restricts nothing, one with no bits set forbids all
	// (library/x509_crt.c:mbedtls_x509_crt_check_key_usage@2.28.3,3.6.6).
	HasKeyUsage bool
	// ExtKeyUsage names each extended key usage ("serverAuth") or gives its
	// dotted OID.
	ExtKeyUsage []string
	// DNSNames are the dNSName entries of subjectAltName.
	DNSNames []string
	// SubjectKeyID and AuthorityKeyID are the key identifiers, when present
	// (read for information even where the build ignores the extensions).
	SubjectKeyID, AuthorityKeyID []byte
	// SelfIssued reports that issuer and subject are byte-identical.
	SelfIssued bool

	heap heapFacts
}
