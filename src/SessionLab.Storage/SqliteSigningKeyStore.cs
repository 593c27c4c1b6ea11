namespace SessionLab.Storage;

public sealed class SqliteSigningKeyStore(SqliteDatabase database) : ISigningKeyStore
{
    public byte[] GetOrAdd(string name, byte[] proposed)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO signing_keys (name, key) VALUES ($name, $key) ON CONFLICT (name) DO NOTHING;
            SELECT key FROM signing_keys WHERE name = $name;
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$key", proposed);
        return (byte[])command.ExecuteScalar()!;
    }
}
