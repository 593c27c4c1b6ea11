using Npgsql;

namespace SessionLab.Storage;

public sealed class PostgresSigningKeyStore(PostgresDatabase database) : ISigningKeyStore
{
    public byte[] GetOrAdd(string name, byte[] proposed)
    {
        using var connection = database.DataSource.OpenConnection();
        using (var insert = new NpgsqlCommand("INSERT INTO signing_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = name });
            insert.Parameters.Add(new NpgsqlParameter { Value = proposed });
            insert.ExecuteNonQuery();
        }
        using var select = new NpgsqlCommand("SELECT key FROM signing_keys WHERE name = $1", connection);
        select.Parameters.Add(new NpgsqlParameter { Value = name });
        return (byte[])select.ExecuteScalar()!;
    }
}
