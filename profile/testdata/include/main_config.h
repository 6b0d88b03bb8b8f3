/* Overlay that pulls its curve choice and buffer sizes from other files. */
#include "sub/curves.h"
#include "buffers.h"
#include <stdint.h>
#include "missing.h"

#define MBEDTLS_SSL_IN_CONTENT_LEN TLS_RX_BUF
