package mbedsim

import (
	"encoding/base64"
	"testing"
)

func zzBody(b *testing.B) []byte {
	ders, pems := benchSet()
	_ = ders
	p := pems[0]
	return p[28 : len(p)-27]
}

func BenchmarkZZOurs(b *testing.B) {
	body := zzBody(b)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		decodeBase64(body, true)
	}
}

func BenchmarkZZStd(b *testing.B) {
	body := zzBody(b)
	b.SetBytes(int64(len(body)))
	dst := make([]byte, len(body))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		base64.StdEncoding.Decode(dst, body)
	}
}

func BenchmarkZZIndex(b *testing.B) {
	_, pems := benchSet()
	p := pems[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pemRead(&Build{}, p[:len(p)-1], 0)
	}
}
