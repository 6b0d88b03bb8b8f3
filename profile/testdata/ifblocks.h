/* Overlay with conditional blocks. */
#define BOARD_REV 3

#if BOARD_REV >= 3 && defined(MBEDTLS_SHA512_C)
#undef MBEDTLS_SHA512_C
#elif BOARD_REV == 2
#define MBEDTLS_SHOULD_NOT_1
#else
#define MBEDTLS_SHOULD_NOT_2
#endif

#ifdef MBEDTLS_RSA_C
#  if !defined(MBEDTLS_PEM_PARSE_C) || (MBEDTLS_FAKE_LEVEL > 2)
#    define MBEDTLS_SHOULD_NOT_3
#  else
#    undef MBEDTLS_PEM_PARSE_C
#  endif
#endif

#ifndef MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_SHOULD_NOT_4
#endif

#if 0
#define MBEDTLS_SHOULD_NOT_5
#if garbage ((( here
#endif
#endif

#if ESP_IDF_VERSION_VAL(4, 4, 0) <= 0x40400
#define MBEDTLS_UNEVALUATED_TAKEN
#endif

#if defined(__GNUC__)
#define MBEDTLS_SHOULD_NOT_6
#endif

#if (0x10 << 2) == 64 && 7 / 2 == 3 && -1 < 0 && 'A' == 65 && (1 ? 2 : 3) == 2
#define MBEDTLS_ARITH_OK
#endif
