#define MBEDTLS_FROM_B
#include "a.h"
