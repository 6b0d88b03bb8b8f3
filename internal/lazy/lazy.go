// Package lazy holds values built on first use. A Value's zero value is
// ready, so a package-level Value needs no init code: unlike a package
// variable set by sync.OnceValue, it costs nothing at start-up (no call,
// no allocation, no code page touched), and start-up is most of what a
// short command such as `tlsdoctor explain` costs.
package lazy

import "sync"

// Value is a T built once, by the first Get.
type Value[T any] struct {
	once sync.Once
	v    T
}

// Get returns the value, calling build to make it on the first call only.
// Every caller must pass the same build function.
func (l *Value[T]) Get(build func() T) T {
	l.once.Do(func() { l.v = build() })
	return l.v
}
