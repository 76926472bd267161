using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitoring.Storage.Sqlite;

/// <summary>
/// A statement prepared once and stepped many times on a connection's native handle, binding values without boxing
/// them: the device table's hot paths (a batch upsert, the start-up load) go through it.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _scratch = new byte[512];

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > _scratch.Length)
        {
            _scratch = new byte[Math.Max(needed, _scratch.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _scratch);
        // The native call copies the bytes (SQLITE_TRANSIENT), so the scratch buffer is free again at once.
        Check(raw.sqlite3_bind_text(_statement, index, _scratch.AsSpan(0, length)));
    }

    public void BindUtf8(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void Bind(int index, long? value)
    {
        if (value is { } v)
        {
            Check(raw.sqlite3_bind_int64(_statement, index, v));
        }
        else
        {
            BindNull(index);
        }
    }

    public void BindReal(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    public void Bind(int index, DateTimeOffset? value) => Bind(index, value?.ToUnixTimeMilliseconds());

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs a statement that returns no rows, then makes it ready for the next values.</summary>
    /// <returns>The rows it inserted, updated or deleted.</returns>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return raw.sqlite3_changes(_db);
    }

    /// <summary>Steps to the next row; false after the last.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>A text column's UTF-8 bytes, valid until the next step.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_statement, column);

    public long? Long(int column) => IsNull(column) ? null : raw.sqlite3_column_int64(_statement, column);

    public DateTimeOffset? Time(int column) => Long(column) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));
        }
    }
}
