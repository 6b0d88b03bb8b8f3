#pragma once
#define TLS_RX_BUF (8 * 1024)
