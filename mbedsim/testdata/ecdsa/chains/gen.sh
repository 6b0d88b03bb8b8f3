#!/bin/sh
# Certificate chains on the curves Go's standard library lacks, made with
# OpenSSL 3.0 `openssl ca` so that the validity dates are fixed around
# testcert.Now() (2026-01-01). Used by mbedsim's verify tests and by the
# oracle's generated verify corpus (internal/oracle/verify_gen_test.go),
# which compares mbedsim.Verify with real mbedTLS builds on them.
#
# Per curve directory: root.der (self-signed), other-root.der (same name,
# another key), int.der, int-future.der (not yet valid), int-notca.der
# (CA:FALSE), leaf.der, leaf-expired.der, leaf-sha1.der (ECDSA with
# SHA-1), leaf-sha512.der (digest longer than the curve).
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/ca.cnf" <<'CNF'
[ca]
default_ca = dflt
[dflt]
database = $ENV::W/index.txt
new_certs_dir = $ENV::W
serial = $ENV::W/serial
policy = pol
unique_subject = no
copy_extensions = none
email_in_dn = no
[pol]
organizationName = optional
commonName = supplied
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_notca]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:device.example.com,DNS:*.wild.example.com,IP:192.0.2.7
authorityKeyIdentifier = keyid
CNF
export W="$work"
ca() { # out subj key-of-subject issuer-cert issuer-key ext start end md
	openssl req -new -config "$W/ca.cnf" -key "$3" -subj "$2" -out "$W/req.csr"
	: > "$W/index.txt"
	echo 01 > "$W/serial"
	if [ "$4" = self ]; then
		openssl ca -batch -notext -config "$W/ca.cnf" -selfsign -keyfile "$5" -in "$W/req.csr" \
			-extensions "$6" -startdate "$7" -enddate "$8" -md "$9" -out "$W/out.pem" 2>/dev/null
	else
		openssl ca -batch -notext -config "$W/ca.cnf" -cert "$4" -keyfile "$5" -in "$W/req.csr" \
			-extensions "$6" -startdate "$7" -enddate "$8" -md "$9" -out "$W/out.pem" 2>/dev/null
	fi
	openssl x509 -in "$W/out.pem" -outform DER -out "$1"
}
for c in prime192v1 secp192k1 secp224k1 secp256k1 brainpoolP256r1 brainpoolP384r1 brainpoolP512r1; do
	mkdir -p "$c"
	for k in root other int leaf; do
		openssl ecparam -name "$c" -genkey -noout -out "$W/$k.key"
	done
	o="/O=tlsdoctor gen $c"
	ca "$c/root.der" "/CN=Gen Root $c$o" "$W/root.key" self "$W/root.key" v3_ca 20250101000000Z 20360101000000Z sha256
	openssl x509 -inform DER -in "$c/root.der" -out "$W/root.pem"
	ca "$c/other-root.der" "/CN=Gen Root $c$o" "$W/other.key" self "$W/other.key" v3_ca 20250101000000Z 20360101000000Z sha256
	ca "$c/int.der" "/CN=Gen Int $c$o" "$W/int.key" "$W/root.pem" "$W/root.key" v3_ca 20250101000000Z 20360101000000Z sha256
	ca "$c/int-future.der" "/CN=Gen Int $c$o" "$W/int.key" "$W/root.pem" "$W/root.key" v3_ca 20270101000000Z 20310101000000Z sha256
	ca "$c/int-notca.der" "/CN=Gen Int $c$o" "$W/int.key" "$W/root.pem" "$W/root.key" v3_notca 20250101000000Z 20360101000000Z sha256
	openssl x509 -inform DER -in "$c/int.der" -out "$W/int.pem"
	ca "$c/leaf.der" "/CN=device.example.com" "$W/leaf.key" "$W/int.pem" "$W/int.key" v3_leaf 20251201000000Z 20270101000000Z sha256
	ca "$c/leaf-expired.der" "/CN=device.example.com" "$W/leaf.key" "$W/int.pem" "$W/int.key" v3_leaf 20210101000000Z 20250101000000Z sha256
	ca "$c/leaf-sha1.der" "/CN=device.example.com" "$W/leaf.key" "$W/int.pem" "$W/int.key" v3_leaf 20251201000000Z 20270101000000Z sha1
	ca "$c/leaf-sha512.der" "/CN=device.example.com" "$W/leaf.key" "$W/int.pem" "$W/int.key" v3_leaf 20251201000000Z 20270101000000Z sha512
	# Check the chain as OpenSSL sees it (fails loudly if the script is wrong).
	openssl x509 -inform DER -in "$c/leaf.der" -out "$W/leaf.pem"
	openssl verify -attime 1767225600 -CAfile "$W/root.pem" -untrusted "$W/int.pem" "$W/leaf.pem" >/dev/null
done
