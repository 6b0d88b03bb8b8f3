/*
 * fakeclock.h: the device clock for the oracle runners. Defining time()
 * in the program replaces libc's for every caller, the mbedTLS libraries
 * (static or shared) included, so one source works for both without
 * --wrap. Include it once, in the runner's only source file.
 */
#ifndef TLSDOCTOR_RUNNER_FAKECLOCK_H
#define TLSDOCTOR_RUNNER_FAKECLOCK_H

#include <time.h>

static time_t fake_now;

time_t time(time_t *t)
{
    if (t != NULL) {
        *t = fake_now;
    }
    return fake_now;
}

#endif
