#ifndef GUARDED_B_H
#define GUARDED_B_H
#include "guarded_a.h"
#undef MBEDTLS_SSL_ALPN
#endif
