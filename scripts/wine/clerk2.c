/* For the Wine tests only: a second program at the clerk's files, as on a shared office PC.
 *
 *   clerk2 lock DATABASE FLAG        holds a write transaction on DATABASE (as a second clerk's
 *                                    pingxuan, or sqlite3, would) until the file FLAG exists
 *   clerk2 open FILE SHARING FLAG    holds FILE open until FLAG exists, sharing it as a viewer
 *                                    does (SHARING "read,delete") or as Excel does ("read")
 *
 * It prints "ready" once it holds what it was asked to. Built with mingw, wide arguments
 * (-municode) so that Chinese paths arrive whole. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>
#include "sqlite3.h"

static void wait_for(const wchar_t *flag)
{
    for (int i = 0; i < 1200 && GetFileAttributesW(flag) == INVALID_FILE_ATTRIBUTES; i++)
        Sleep(100);
}

int wmain(int argc, wchar_t **argv)
{
    if (argc == 4 && wcscmp(argv[1], L"lock") == 0) {
        sqlite3 *db;
        char *err = NULL;
        if (sqlite3_open16(argv[2], &db) != SQLITE_OK
            || sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK) {
            fprintf(stderr, "clerk2: %s\n", err ? err : sqlite3_errmsg(db));
            return 1;
        }
        printf("ready\n");
        fflush(stdout);
        wait_for(argv[3]);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
        return 0;
    }
    if (argc == 5 && wcscmp(argv[1], L"open") == 0) {
        DWORD share = FILE_SHARE_READ;
        if (wcsstr(argv[3], L"delete"))
            share |= FILE_SHARE_DELETE;
        HANDLE h = CreateFileW(argv[2], GENERIC_READ, share, NULL, OPEN_EXISTING, 0, NULL);
        if (h == INVALID_HANDLE_VALUE) {
            fprintf(stderr, "clerk2: cannot open (error %lu)\n", GetLastError());
            return 1;
        }
        printf("ready\n");
        fflush(stdout);
        wait_for(argv[4]);
        CloseHandle(h);
        return 0;
    }
    fprintf(stderr, "usage: clerk2 lock DATABASE FLAG | clerk2 open FILE SHARING FLAG\n");
    return 2;
}
