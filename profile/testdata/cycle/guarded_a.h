#ifndef GUARDED_A_H
#define GUARDED_A_H
#include "guarded_b.h"
#undef MBEDTLS_SSL_RENEGOTIATION
#endif
