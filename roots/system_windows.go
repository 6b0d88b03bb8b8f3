package roots

import (
	"errors"
	"strconv"
	"unsafe"

	"golang.org/x/sys/windows"
)

// windowsRootStore names the local machine's and user's trusted root
// certification authorities store, as CertOpenSystemStore takes it.
const windowsRootStore = "ROOT"

// loadSystem reads every certificate of the ROOT system store
// (CertOpenSystemStoreW and CertEnumCertificatesInStore, crypt32.dll).
func loadSystem(*SystemOptions) (*Store, error) {
	where := `Windows certificate store "` + windowsRootStore + `"`
	hint := "export the roots (certmgr.msc, or certutil -generateSSTFromWU) to a PEM or DER file and pass it with --roots FILE"
	name, err := windows.UTF16PtrFromString(windowsRootStore)
	if err != nil {
		return nil, err
	}
	store, err := windows.CertOpenSystemStore(0, name)
	if err != nil {
		return nil, &SystemError{Tried: []string{where + ": " + err.Error()}, Hint: hint}
	}
	defer windows.CertCloseStore(store, 0)
	st := &Store{Name: SystemStoreName}
	var ctx *windows.CertContext
	for {
		ctx, err = windows.CertEnumCertificatesInStore(store, ctx)
		if ctx == nil {
			// CRYPT_E_NOT_FOUND ends the enumeration; anything else is a
			// real failure.
			if err != nil && !errors.Is(err, windows.Errno(windows.CRYPT_E_NOT_FOUND)) && len(st.Roots) == 0 {
				return nil, &SystemError{Tried: []string{where + ": " + err.Error()}, Hint: hint}
			}
			break
		}
		if ctx.Length == 0 || ctx.EncodedCert == nil {
			continue
		}
		// Copy out of the context's memory, which the next call frees.
		der := append([]byte(nil), unsafe.Slice(ctx.EncodedCert, ctx.Length)...)
		_ = st.add(where, der)
	}
	if len(st.Roots) == 0 {
		return nil, &SystemError{Tried: []string{where + ": no certificate"}, Hint: hint}
	}
	st.Name = SystemStoreName + " (" + where + ": " + strconv.Itoa(len(st.Roots)) + " certificates)"
	sortRoots(st.Roots)
	return st, nil
}
