using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace SessionLab.Accounts.Data;

/// <summary>
/// Creates the accounts tables when they are missing. On PostgreSQL they share a database with the session log, so
/// EF Core's EnsureCreated (which does nothing in a database that has any table) cannot be used; the check is for
/// Identity's user table, under an advisory lock so that two nodes starting together create the tables once.
/// </summary>
internal static class AccountsSchema
{
    private const long PostgresLockKey = 0x5e55_1011_acc0;

    public static async Task EnsureCreatedAsync(AccountsDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (db.Database.IsSqlite())
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            return;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({PostgresLockKey})", cancellationToken);
            try
            {
                await using var check = connection.CreateCommand();
                check.CommandText = "SELECT to_regclass('\"AspNetUsers\"') IS NOT NULL";
                if (await check.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    await creator.CreateTablesAsync(cancellationToken);
                }
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
