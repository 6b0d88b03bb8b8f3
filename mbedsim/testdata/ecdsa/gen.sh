#!/bin/sh
# Known-answer vectors for mbedsim's ECDSA over the curves Go lacks
# (ecdsa_generic.go), made with OpenSSL 3.0. For each curve: a key pair,
# its SubjectPublicKeyInfo, and signatures of msg.txt with several digests
# (SHA-1 and SHA-512 exercise the digest truncation of derive_mpi on both
# sides of the curve size). Signatures are randomised, so rerunning this
# gives different bytes that must verify all the same.
set -eu
cd "$(dirname "$0")"
printf 'tlsdoctor ECDSA known-answer message\n' > msg.txt
for c in prime192v1 secp224r1 secp192k1 secp224k1 secp256k1 prime256v1 \
	brainpoolP256r1 brainpoolP384r1 brainpoolP512r1; do
	openssl ecparam -name "$c" -genkey -noout -out "$c.key.pem"
	openssl ec -in "$c.key.pem" -pubout -outform DER -out "$c.pub.der" 2>/dev/null
	for d in sha1 sha256 sha384 sha512; do
		openssl dgst -"$d" -sign "$c.key.pem" -out "$c.$d.sig" msg.txt
		openssl dgst -"$d" -verify "$c.pub.der" -keyform DER -signature "$c.$d.sig" msg.txt >/dev/null
	done
done
