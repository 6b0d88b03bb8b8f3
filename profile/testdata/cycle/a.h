#define MBEDTLS_FROM_A
#include "b.h"
