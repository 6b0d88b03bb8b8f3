#ifndef CURVES_H
#define CURVES_H
#undef MBEDTLS_ECP_DP_SECP384R1_ENABLED
#include "../sub/curves.h"
#endif
