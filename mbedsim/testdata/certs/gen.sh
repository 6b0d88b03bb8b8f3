#!/usr/bin/env bash
# gen.sh: how the certificates in this directory were made (OpenSSL 3.0,
# Debian 12). Run it in an empty directory; it writes NAME.der files. Keys
# are random, so the bytes differ on every run: the committed files are the
# ones the tests pin. They mirror the certificates of the research notes
# (shared/research/mbedtls-behaviour.md, tables T1-T3): an EC P-256 leaf
# signed by an RSA-2048 root, RSA 1024-8192, P-192 to P-521, secp256k1,
# Brainpool, Ed25519, X25519/X448 keys, RSASSA-PSS, MD5 to SHA-512, explicit
# and compressed EC keys, v1, unique IDs, many extensions.
set -euo pipefail
work=$(mktemp -d)
out=$PWD
cd "$work"
O=openssl
mk() { $O genpkey "$@" 2>/dev/null; }
mk -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ca.key
mk -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out rsa4096.key
mk -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.key
mk -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out rsa3072.key
mk -algorithm RSA -pkeyopt rsa_keygen_bits:8192 -out rsa8192.key
mk -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3 -out rsa_e3.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec256.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec384.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out ec521.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:P-224 -out ec224.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:P-192 -out ec192.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out k256.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 -out bp256.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP384r1 -out bp384.key
mk -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP512r1 -out bp512.key
mk -algorithm ED25519 -out ed25519.key
mk -algorithm X25519 -out x25519.key
mk -algorithm X448 -out x448.key
mk -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pss.key
cat > ext.cnf <<'X'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[ca1]
basicConstraints=critical,CA:TRUE,pathlen:1
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
[leaf]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:device.local,DNS:*.example.com,IP:192.168.1.10,email:a@b.c,URI:https://x.y/
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid,issuer
certificatePolicies=2.23.140.1.2.1
[leafany]
basicConstraints=CA:FALSE
keyUsage=digitalSignature
certificatePolicies=critical,2.5.29.32.0
[leafpolcrit]
basicConstraints=CA:FALSE
certificatePolicies=critical,2.23.140.1.2.1
[leafcrit]
basicConstraints=CA:FALSE
1.2.3.4.5=critical,DER:0500
[leafnoncrit]
basicConstraints=CA:FALSE
1.2.3.4.5=DER:0500
[leafnc]
basicConstraints=critical,CA:TRUE
nameConstraints=critical,permitted;DNS:example.com
[leafdir]
basicConstraints=CA:FALSE
subjectAltName=dirName:dir_sect,otherName:1.3.6.1.5.5.7.8.4;SEQUENCE:hw
[dir_sect]
C=DE
O=Dir Org
CN=Dir Name
[hw]
type=OID:1.2.3.4
serial=OCTETSTRING:01020304
[leafns]
nsCertType=server,client
extendedKeyUsage=1.3.6.1.5.5.7.3.8,1.2.3.4.9
[leafmulti]
basicConstraints=CA:FALSE
subjectAltName=DNS:a.example,DNS:b.example,DNS:c.example,DNS:d.example,DNS:e.example,DNS:f.example
[leafakid]
basicConstraints=CA:FALSE
authorityKeyIdentifier=keyid:always,issuer:always
subjectKeyIdentifier=hash
certificatePolicies=@pol
[pol]
policyIdentifier=2.23.140.1.2.2
CPS.1="https://cps.example/"
userNotice.1=@notice
[notice]
explicitText="test notice"
X
subj() { echo "/C=DE/O=tlsdoctor test/CN=$1"; }
# roots
$O req -x509 -new -key ca.key -subj "$(subj 'Test RSA Root')" -days 7300 -set_serial 1 -extensions ca -config ext.cnf -sha256 -out ca.pem 2>/dev/null
root() { $O req -x509 -new -key $1.key -subj "$(subj "$2")" -days 7300 -set_serial $3 -extensions ca -config ext.cnf $4 -out $5.pem 2>/dev/null; }
root rsa4096 'Root 4096' 2 -sha256 root4096
root rsa4096 'Root 4096 SHA-384' 20 -sha384 root4096_sha384
root rsa8192 'Root 8192' 3 -sha512 root8192
root rsa3072 'Root 3072' 4 -sha256 root3072
root ec256 'EC P-256 Root' 5 -sha256 ec256
root ec384 'EC P-384 Root' 6 -sha384 ec384
root ec521 'EC P-521 Root' 7 -sha512 ec521
root ec224 'EC P-224 Root' 8 -sha224 ec224
root ec192 'EC P-192 Root' 9 -sha256 ec192
root k256 'secp256k1 Root' 10 -sha256 k256
root bp256 'BP256 Root' 11 -sha256 bp256
root bp384 'BP384 Root' 12 -sha384 bp384
root bp512 'BP512 Root' 13 -sha512 bp512
$O req -x509 -new -key ed25519.key -subj "$(subj 'Ed25519 Root')" -days 7300 -set_serial 14 -extensions ca -config ext.cnf -out ed25519.pem 2>/dev/null
root pss 'PSS Root' 15 -sha256 pssroot
# leaves signed by the RSA CA
leaf() { # key name serial ext md [extra]
  $O req -new -key $1.key -subj "$(subj "$2")" -out $2.csr 2>/dev/null
  $O x509 -req -in $2.csr -CA ca.pem -CAkey ca.key -set_serial $3 -days ${6:-825} -extfile ext.cnf -extensions $4 $5 ${7:-} -out $2.pem 2>/dev/null
}
leaf ec256 leaf 100 leaf -sha256
leaf ec256 leaf_crit 101 leafcrit -sha256
leaf ec256 leaf_noncrit 102 leafnoncrit -sha256
leaf ec256 leaf_md5 103 leaf -md5
leaf ec256 leaf_sha1 104 leaf -sha1
leaf rsa1024 leaf_rsa1024 105 leaf -sha256
leaf rsa4096 leaf_rsa4096 106 leaf -sha256
leaf ec384 leaf_ec384 107 leaf -sha256
leaf ec256 leaf_sha384 141 leaf -sha384
leaf ec256 leaf_sha512 142 leaf -sha512
leaf rsa3072 leaf_rsa3072 143 leaf -sha256
leaf ec256 leaf_akid 140 leafakid -sha256
leaf ec256 leaf_sha224 108 leaf -sha224
leaf rsa_e3 leaf_e3 109 leaf -sha256
leaf ec256 leaf_any 110 leafany -sha256
leaf ec256 leaf_polcrit 111 leafpolcrit -sha256
leaf ec256 leaf_nc 112 leafnc -sha256
leaf ec256 leaf_dir 113 leafdir -sha256
leaf ec256 leaf_ns 114 leafns -sha256
leaf ec256 leaf_multi 115 leafmulti -sha256
leaf ec256 leaf_pss 116 leaf "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32"
leaf ec256 leaf_pss384 117 leaf "-sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48"
leaf ec256 leaf_pss512 118 leaf "-sha512 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:64 -sigopt rsa_mgf1_md:sha256"
leaf ec256 leaf_pss1 119 leaf "-sha1 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20"
leaf bp256 leaf_bp256 120 leaf -sha256
leaf k256 leaf_k256 121 leaf -sha256
leaf ec521 leaf_ec521 122 leaf -sha512
# x25519/x448 keys need -force_pubkey
$O x509 -new -subj "$(subj 'X25519 Leaf')" -force_pubkey <($O pkey -in x25519.key -pubout) -CA ca.pem -CAkey ca.key -set_serial 123 -days 825 -out leaf_x25519.pem 2>/dev/null || true
$O x509 -new -subj "$(subj 'X448 Leaf')" -force_pubkey <($O pkey -in x448.key -pubout) -CA ca.pem -CAkey ca.key -set_serial 124 -days 825 -out leaf_x448.pem 2>/dev/null || true
# v1 certificate
$O req -new -key ec256.key -subj "$(subj 'V1 Leaf')" -out v1.csr 2>/dev/null
$O x509 -req -in v1.csr -CA ca.pem -CAkey ca.key -set_serial 125 -days 825 -out leaf_v1.pem 2>/dev/null
# intermediate + leaf from intermediate (EC)
$O req -new -key ec384.key -subj "$(subj 'EC Intermediate')" -out int.csr 2>/dev/null
$O x509 -req -in int.csr -CA ca.pem -CAkey ca.key -set_serial 126 -days 3650 -extfile ext.cnf -extensions ca1 -sha256 -out intermediate.pem 2>/dev/null
$O req -new -key ec256.key -subj "$(subj 'leaf.from.int')" -out li.csr 2>/dev/null
$O x509 -req -in li.csr -CA intermediate.pem -CAkey ec384.key -set_serial 127 -days 825 -extfile ext.cnf -extensions leaf -sha384 -out leaf_int.pem 2>/dev/null
# Explicit dates (expired, GeneralizedTime, 9999) need `openssl ca`.
mkdir -p cadb && touch cadb/index.txt && echo 1000 >cadb/serial
printf '[ca]\ndefault_ca = d\n[d]\ndatabase = cadb/index.txt\nnew_certs_dir = cadb\nserial = cadb/serial\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n' >ca.cnf
dated() { $O ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in leaf.csr -startdate $1 -enddate $2 -extfile ext.cnf -extensions leaf -out $3.pem 2>/dev/null; }
dated 20190101000000Z 20210101000000Z leaf_expired
dated 20400101000000Z 20600101000000Z leaf_future
dated 19700101000000Z 99991231235959Z leaf_9999
# self-signed leaf
$O req -x509 -new -key ec256.key -subj "$(subj 'selfleaf.local')" -days 825 -set_serial 130 -addext "subjectAltName=DNS:selfleaf.local" -out selfleaf.pem 2>/dev/null
# explicit-parameter EC key (named curve encoded explicitly) signed by CA
$O ec -in k256.key -param_enc explicit -conv_form compressed -pubout -out k256_explicit_pub.pem 2>/dev/null
$O x509 -new -subj "$(subj 'Explicit k256')" -force_pubkey k256_explicit_pub.pem -CA ca.pem -CAkey ca.key -set_serial 131 -days 825 -out leaf_k256_explicit.pem 2>/dev/null || true
$O ec -in ec256.key -param_enc explicit -conv_form compressed -pubout -out ec256_explicit_pub.pem 2>/dev/null
$O x509 -new -subj "$(subj 'Explicit P256')" -force_pubkey ec256_explicit_pub.pem -CA ca.pem -CAkey ca.key -set_serial 132 -days 825 -out leaf_p256_explicit.pem 2>/dev/null || true
$O ec -in ec256.key -conv_form compressed -pubout -out ec256_comp_pub.pem 2>/dev/null
$O x509 -new -subj "$(subj 'Compressed P256')" -force_pubkey ec256_comp_pub.pem -CA ca.pem -CAkey ca.key -set_serial 133 -days 825 -out leaf_p256_compressed.pem 2>/dev/null || true
$O ec -in ec521.key -conv_form compressed -pubout -out ec521_comp_pub.pem 2>/dev/null
$O x509 -new -subj "$(subj 'Compressed P521')" -force_pubkey ec521_comp_pub.pem -CA ca.pem -CAkey ca.key -set_serial 134 -days 825 -out leaf_p521_compressed.pem 2>/dev/null || true
$O ec -in ec224.key -conv_form compressed -pubout -out ec224_comp_pub.pem 2>/dev/null
$O x509 -new -subj "$(subj 'Compressed P224')" -force_pubkey ec224_comp_pub.pem -CA ca.pem -CAkey ca.key -set_serial 135 -days 825 -out leaf_p224_compressed.pem 2>/dev/null || true
for f in *.pem; do
	grep -q 'BEGIN CERTIFICATE' "$f" || continue
	$O x509 -in "$f" -outform DER -out "$out/${f%.pem}.der"
done
rm -rf "$work"
