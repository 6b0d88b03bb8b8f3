/* Board support: selects the mbedTLS config files, as -D flags would. */
#define MBEDTLS_CONFIG_FILE "board_mbedtls_config.h"
#define MBEDTLS_USER_CONFIG_FILE "board_user.h"
