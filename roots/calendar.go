package roots

import (
	"slices"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Kind is what happened to a root or to the chain an endpoint serves.
type Kind uint8

// Event kinds.
const (
	KindExpiry       Kind = iota + 1 // a root's notAfter, or a root program's end of trust
	KindDistrust                     // a root program stops trusting new certificates under it
	KindMigration                    // an endpoint moves its chain to another root
	KindCrossSignEnd                 // a cross-signed path to an older root stops being served or expires
	KindRemoval                      // a root program or a device bundle drops the root
)

var kindNames = [...]string{
	KindExpiry:       "expiry",
	KindDistrust:     "distrust",
	KindMigration:    "migration",
	KindCrossSignEnd: "cross-sign-end",
	KindRemoval:      "removal",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// Precision says how exact an event's date is: sources announce some
// changes by month only ("starting August 2024"); such a date is the
// first of that month and is shown as YYYY-MM.
type Precision uint8

// Date precisions.
const (
	Day Precision = iota
	Month
)

// RootRef names a root an event concerns. SHA256 is set whenever the
// certificate could be checked (from the bundle, or from Debian's
// ca-certificates 20230311 for roots the bundle no longer carries); Subject
// is the name users search by.
type RootRef struct {
	Subject string
	SHA256  string
}

// Event is one dated entry of the CA event calendar.
type Event struct {
	// ID is stable and greppable: "letsencrypt.dst-root-ca-x3-expiry".
	ID        string
	Date      time.Time
	Precision Precision
	Kind      Kind
	Roots     []RootRef
	// Concerns lists the endpoints and platforms affected.
	Concerns []string
	// Summary is one sentence in our words.
	Summary string
	// Source is a public https URL stating the date.
	Source string
}

// DateString formats the date at its precision.
func (e Event) DateString() string {
	if e.Precision == Month {
		return e.Date.Format("2006-01")
	}
	return e.Date.Format("2006-01-02")
}

// ConcernsRoot reports whether the event names r, by fingerprint or, for a
// reference without one, by subject name.
func (e Event) ConcernsRoot(r *Root) bool {
	fp := r.Fingerprint()
	for _, ref := range e.Roots {
		if ref.SHA256 != "" {
			if ref.SHA256 == fp {
				return true
			}
			continue
		}
		if strings.EqualFold(ref.Subject, r.Name()) {
			return true
		}
	}
	return false
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Fingerprints of the roots the calendar names. Bundled ones are checked
// against the bundle by a test; the others were computed from the
// certificates in Debian 12's ca-certificates (20230311), except DST Root
// CA X3, which Debian had already dropped: its fingerprint is the one Let's
// Encrypt and many trust-store tools publish.
const (
	fpDSTRootX3         = "0687260331a72403d909f105e69bcf0d32e1bd2493ffc6d9206d11bcd6770739"
	fpISRGRootX1        = "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6"
	fpISRGRootX2        = "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470"
	fpBaltimore         = "16af57a9f676b0ab126095aa5ebadef22ab31119d644ac95cd4b93dbf3f26aeb"
	fpDigiCertGlobalG2  = "cb3ccbb76031e5e0138f8dd39a23f9de47ffc35e43c1144cea27d46a5ab1cb5f"
	fpMicrosoftRSA2017  = "c741f70f4b2a8d88bf2e71c14122ef53ef10eba0cfa5e64cfa20f418853073e0"
	fpAmazonRootCA1     = "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e"
	fpAmazonRootCA2     = "1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4"
	fpAmazonRootCA3     = "18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4"
	fpAmazonRootCA4     = "e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092"
	fpStarfieldServices = "568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5"
	fpStarfieldClass2   = "1465fa205397b876faa6f0a9958e5590e40fcc7faa4fb7c2c8677521fb5fb658"
	fpGlobalSignRootCA  = "ebd41040e4bb3ec742c9e381d31ef2a41a48b6685c96e7cef3c1df6cd4331c99"
	fpGlobalSignR3      = "cbb522d7b7f127ad6a0113865bdf1cd4102e7d0759af635a7cf4720dc963c53b"
	fpEntrustRoot       = "73c176434f1bc6d5adf45b0e76e727287c8de57616c1e6e6141a2b2cbc7d8e4c"
	fpEntrustEC1        = "02ed0eb28c14da45165c566791700d6451d7fb56f0b2ab1d3b8eb070e56edff5"
	fpEntrustG2         = "43df5774b03e7fef5fe40d931a7bedf1bb2e6b42738c4e6d3841103d3aa7f339"
	fpEntrustG4         = "db3517d1f6732a2d5ab97c533ec70779ee3270a62fb4ac4238372460e6f01e88"
	fpEntrust2048       = "6dc47172e01cbcb0bf62580d895fe2b8ac9ad4f873801e0c10b9c837d21eb177"
)

var (
	refDST          = RootRef{"DST Root CA X3", fpDSTRootX3}
	refISRGX1       = RootRef{"ISRG Root X1", fpISRGRootX1}
	refISRGX2       = RootRef{"ISRG Root X2", fpISRGRootX2}
	refBaltimore    = RootRef{"Baltimore CyberTrust Root", fpBaltimore}
	refDigiCertG2   = RootRef{"DigiCert Global Root G2", fpDigiCertGlobalG2}
	refMicrosoftRSA = RootRef{"Microsoft RSA Root Certificate Authority 2017", fpMicrosoftRSA2017}
	refVeriSignG5   = RootRef{Subject: "VeriSign Class 3 Public Primary Certification Authority - G5"}
	refStarfieldSvc = RootRef{"Starfield Services Root Certificate Authority - G2", fpStarfieldServices}
	refStarfieldC2  = RootRef{"Starfield Class 2 Certification Authority", fpStarfieldClass2}
	refGlobalSignR1 = RootRef{"GlobalSign Root CA", fpGlobalSignRootCA}
	refGlobalSignR3 = RootRef{"GlobalSign Root CA - R3", fpGlobalSignR3}
	refAmazon       = []RootRef{
		{"Amazon Root CA 1", fpAmazonRootCA1}, {"Amazon Root CA 2", fpAmazonRootCA2},
		{"Amazon Root CA 3", fpAmazonRootCA3}, {"Amazon Root CA 4", fpAmazonRootCA4},
	}
	refEntrust = []RootRef{
		{"Entrust Root Certification Authority", fpEntrustRoot},
		{"Entrust Root Certification Authority - EC1", fpEntrustEC1},
		{"Entrust Root Certification Authority - G2", fpEntrustG2},
		{"Entrust Root Certification Authority - G4", fpEntrustG4},
		{"Entrust.net Certification Authority (2048)", fpEntrust2048},
	}
)

func refs(rs ...any) []RootRef {
	var out []RootRef
	for _, r := range rs {
		switch r := r.(type) {
		case RootRef:
			out = append(out, r)
		case []RootRef:
			out = append(out, r...)
		}
	}
	return out
}

var calendarLazy lazy.Value[[]Event]

// calendar is the event table, in date order (a test keeps it so). Every
// date is stated by its source; an event whose date we could not confirm
// from a public source is left out rather than guessed.
func calendar() []Event { return calendarLazy.Get(buildCalendar) }

func buildCalendar() []Event {
	return []Event{
		{
			ID: "aws-iot.symantec-distrust", Date: day(2018, time.October, 1), Precision: Month, Kind: KindDistrust,
			Roots:    refs(refVeriSignG5, refAmazon),
			Concerns: []string{"AWS IoT Core legacy iot:Data endpoints", "browsers and mobile OS trust stores"},
			Summary:  "Browsers began distrusting Symantec roots, VeriSign Class 3 G5 among them, which signed AWS IoT Core's legacy endpoints; AWS added -ats endpoints under Amazon Trust Services roots, and devices must embed an Amazon root to use them.",
			Source:   "https://aws.amazon.com/blogs/iot/aws-iot-core-ats-endpoints/",
		},
		{
			ID: "letsencrypt.dst-root-ca-x3-expiry", Date: time.Date(2021, time.September, 30, 14, 1, 15, 0, time.UTC), Kind: KindExpiry,
			Roots:    refs(refDST, refISRGX1),
			Concerns: []string{"Let's Encrypt certificates", "devices that trust only DST Root CA X3", "ESP-IDF certificate bundle builds (esp-idf#7621)"},
			Summary:  "DST Root CA X3, the IdenTrust root that cross-signed Let's Encrypt, expired; a device that embeds only it can no longer verify Let's Encrypt chains and needs ISRG Root X1.",
			Source:   "https://letsencrypt.org/docs/dst-root-ca-x3-expiration-september-2021/",
		},
		{
			ID: "azure-iot.hub-baltimore-to-digicert-g2", Date: day(2023, time.February, 15), Kind: KindMigration,
			Roots:    refs(refBaltimore, refDigiCertG2, refMicrosoftRSA),
			Concerns: []string{"Azure IoT Hub", "Azure IoT Central"},
			Summary:  "Azure IoT Hub began moving its server certificates from Baltimore CyberTrust Root to DigiCert Global Root G2, region by region until 2023-10-15; a device without DigiCert Global Root G2 cannot connect after its hub moves.",
			Source:   "https://learn.microsoft.com/en-us/azure/iot-hub/migrate-tls-certificate",
		},
		{
			ID: "aws-iot.symantec-ica-expiry", Date: day(2023, time.October, 31), Kind: KindExpiry,
			Roots:    refs(refVeriSignG5),
			Concerns: []string{"AWS IoT Core legacy iot:Data (Symantec) endpoints"},
			Summary:  "The Symantec server intermediate behind AWS IoT Core's legacy endpoints expired and was replaced by a renewed one under VeriSign Class 3 G5; ATS endpoints were not affected.",
			Source:   "https://aws.amazon.com/blogs/iot/how-to-update-changing-certificate-requirements-with-aws-iot-core/",
		},
		{
			ID: "azure-iot.dps-baltimore-to-digicert-g2", Date: day(2024, time.January, 15), Kind: KindMigration,
			Roots:    refs(refBaltimore, refDigiCertG2, refMicrosoftRSA),
			Concerns: []string{"Azure IoT Hub Device Provisioning Service (global.azure-devices-provisioning.net)"},
			Summary:  "The Device Provisioning Service began its move from Baltimore CyberTrust Root to DigiCert Global Root G2, which Microsoft completed for all IoT Hub, IoT Central and DPS resources by 2024-09-30.",
			Source:   "https://learn.microsoft.com/en-us/azure/iot-hub/migrate-tls-certificate",
		},
		{
			ID: "letsencrypt.short-chain-default", Date: day(2024, time.February, 8), Kind: KindCrossSignEnd,
			Roots:    refs(refDST, refISRGX1),
			Concerns: []string{"Let's Encrypt certificates", "devices that embed DST Root CA X3"},
			Summary:  "Let's Encrypt stopped serving the chain cross-signed by DST Root CA X3 by default; servers renewing without asking for it send a chain that ends at ISRG Root X1.",
			Source:   "https://letsencrypt.org/2023/07/10/cross-sign-expiration/",
		},
		{
			ID: "letsencrypt.long-chain-removed", Date: day(2024, time.June, 6), Kind: KindCrossSignEnd,
			Roots:    refs(refDST, refISRGX1),
			Concerns: []string{"Let's Encrypt certificates", "ACME clients using --preferred-chain 'DST Root CA X3'"},
			Summary:  "Let's Encrypt stopped offering the DST Root CA X3 cross-signed chain at all, so --preferred-chain no longer keeps old firmware working.",
			Source:   "https://letsencrypt.org/2023/07/10/cross-sign-expiration/",
		},
		{
			ID: "aws-acm.starfield-class-2-cross-sign-end", Date: day(2024, time.August, 1), Precision: Month, Kind: KindCrossSignEnd,
			Roots:    refs(refStarfieldC2, refStarfieldSvc, refAmazon),
			Concerns: []string{"AWS Certificate Manager public certificates", "AWS endpoints serving ACM certificates"},
			Summary:  "ACM stopped cross-signing with Starfield Class 2: its chains end at an Amazon Root CA anchored by Starfield Services Root G2, so a device that trusts only Starfield Class 2 fails.",
			Source:   "https://aws.amazon.com/blogs/security/acm-will-no-longer-cross-sign-certificates-with-starfield-class-2-starting-august-2024/",
		},
		{
			ID: "letsencrypt.dst-cross-sign-expiry", Date: day(2024, time.September, 30), Kind: KindCrossSignEnd,
			Roots:    refs(refDST, refISRGX1),
			Concerns: []string{"Let's Encrypt certificates", "Android 7.0 and older"},
			Summary:  "The cross-sign of ISRG Root X1 by DST Root CA X3 expired; only devices that trust ISRG Root X1 itself verify Let's Encrypt chains.",
			Source:   "https://letsencrypt.org/2023/07/10/cross-sign-expiration/",
		},
		{
			ID: "azure-iot.baltimore-migration-complete", Date: day(2024, time.September, 30), Kind: KindMigration,
			Roots:    refs(refBaltimore, refDigiCertG2),
			Concerns: []string{"Azure IoT Hub", "Azure IoT Central", "Azure IoT Hub Device Provisioning Service"},
			Summary:  "Microsoft finished moving every IoT Hub, IoT Central and DPS resource to DigiCert Global Root G2; Baltimore CyberTrust Root no longer verifies any of them.",
			Source:   "https://learn.microsoft.com/en-us/azure/iot-hub/migrate-tls-certificate",
		},
		{
			ID: "chrome.entrust-distrust", Date: day(2024, time.November, 11), Kind: KindDistrust,
			Roots:    refs(refEntrust),
			Concerns: []string{"Chrome 131 and later (Chrome Root Store)", "servers with Entrust TLS certificates"},
			Summary:  "Chrome stopped trusting Entrust TLS certificates whose earliest SCT is after 2024-11-11; certificates issued before stay trusted until they expire.",
			Source:   "https://sslmate.com/blog/post/entrust_distrust_more_disruptive_than_intended",
		},
		{
			ID: "mozilla.entrust-distrust", Date: day(2024, time.November, 30), Kind: KindDistrust,
			Roots:    refs(refEntrust),
			Concerns: []string{"Firefox and NSS", "tools built on Mozilla's root store (many ignore distrust-after and fail open or closed)"},
			Summary:  "Mozilla set a distrust-after date on Entrust's TLS roots: certificates issued after 2024-11-30 are not trusted, while older ones stay trusted until they expire.",
			Source:   "https://sslmate.com/blog/post/entrust_distrust_more_disruptive_than_intended",
		},
		{
			ID: "mozilla.globalsign-r1-tls-removal", Date: day(2025, time.April, 15), Kind: KindRemoval,
			Roots:    refs(refGlobalSignR1),
			Concerns: []string{"Firefox and NSS", "root stores derived from Mozilla's (ESP-IDF's bundle dropped it in IDF 6.0: esp-idf#18674)", "chains of GTS Root R1-R4 cross-signed by GlobalSign Root CA"},
			Summary:  "Mozilla removed the websites trust bit from GlobalSign Root CA (R1) under its rule for roots whose key was made before 2006; a device that relies on the GTS-by-GlobalSign cross-sign needs the GTS root instead.",
			Source:   "https://support.globalsign.com/ssl/general-ssl/removal-tls-trust-bit-roots-r1-and-r3-mozilla",
		},
		{
			ID: "baltimore.expiry", Date: time.Date(2025, time.May, 12, 23, 59, 0, 0, time.UTC), Kind: KindExpiry,
			Roots:    refs(refBaltimore),
			Concerns: []string{"Azure IoT Hub and DPS devices still embedding only Baltimore", "any endpoint still chaining to Baltimore"},
			Summary:  "Baltimore CyberTrust Root reached its notAfter; it no longer verifies anything on a device that checks root validity.",
			Source:   "https://learn.microsoft.com/en-us/azure/iot-hub/migrate-tls-certificate",
		},
		{
			ID: "mozilla.globalsign-r3-tls-removal", Date: day(2027, time.April, 15), Kind: KindRemoval,
			Roots:    refs(refGlobalSignR3),
			Concerns: []string{"Firefox and NSS", "root stores derived from Mozilla's"},
			Summary:  "Mozilla is to remove the websites trust bit from GlobalSign Root CA - R3, whose key dates from 2008-2009; GlobalSign moves TLS issuance to its R46 and E46 roots.",
			Source:   "https://support.globalsign.com/ssl/general-ssl/removal-tls-trust-bit-roots-r1-and-r3-mozilla",
		},
		{
			ID: "letsencrypt.isrg-root-x1-end", Date: day(2030, time.June, 4), Kind: KindExpiry,
			Roots:    refs(refISRGX1),
			Concerns: []string{"Let's Encrypt certificates", "devices that embed only ISRG Root X1"},
			Summary:  "Let's Encrypt expects root programs to stop trusting ISRG Root X1 around this date, 15 years after it was generated, although the certificate's notAfter is 2035; embed its successor before then.",
			Source:   "https://letsencrypt.org/certificates/",
		},
		{
			ID: "letsencrypt.isrg-root-x2-end", Date: day(2035, time.September, 4), Kind: KindExpiry,
			Roots:    refs(refISRGX2),
			Concerns: []string{"Let's Encrypt ECDSA chains", "devices that embed only ISRG Root X2"},
			Summary:  "Let's Encrypt expects root programs to stop trusting ISRG Root X2 around this date, 15 years after it was generated.",
			Source:   "https://letsencrypt.org/certificates/",
		},
	}
}

// Calendar returns every event, in date order. The slice is a copy.
func Calendar() []Event { return slices.Clone(calendar()) }

// Events returns the events that have taken effect at the given time (dated
// on or before it), in date order: what a check evaluating a device's
// situation on that date must take into account.
func Events(at time.Time) []Event {
	var out []Event
	for _, e := range calendar() {
		if !e.Date.After(at) {
			out = append(out, e)
		}
	}
	return out
}

// EventsFor returns the events that concern r, in date order.
func EventsFor(r *Root) []Event {
	var out []Event
	for _, e := range calendar() {
		if e.ConcernsRoot(r) {
			out = append(out, e)
		}
	}
	return out
}
