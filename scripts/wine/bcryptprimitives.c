/* For the Wine tests only, never shipped. Rust's standard library takes its random numbers
 * from ProcessPrng in bcryptprimitives.dll, which Windows 10 and 11 have and Debian's Wine 8
 * lacks. This stand-in, placed beside pingxuan.exe, gives them from RtlGenRandom. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
