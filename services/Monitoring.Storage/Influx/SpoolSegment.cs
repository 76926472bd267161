using System.Buffers.Binary;
using System.IO.Hashing;
using Monitoring.Storage.Series;

namespace Monitoring.Storage.Influx;

/// <summary>
/// One segment file of the series spool and its format: a header <c>[magic][version][read offset]</c>, then records
/// <c>[magic][length][lines][crc32][gzip line protocol]</c> appended in order.
/// </summary>
internal sealed class SpoolSegment(long id, string path)
{
    public const string Extension = ".seg";
    public const int RecordHeader = 16;
    private const uint SegmentMagic = 0x4C50534D; // "MSPL"
    private const uint RecordMagic = 0x43455253; // "SREC"
    private const int SegmentHeader = 16; // magic, version, read offset (8)

    public long Id { get; } = id;
    public string Path { get; } = path;
    public long Length { get; set; }
    public long ReadOffset { get; set; }
    public long UnreadLines { get; set; }

    /// <summary>A new, empty segment file in <paramref name="folder"/>, and the stream that appends to it.</summary>
    public static SpoolSegment Create(string folder, long id, out FileStream append)
    {
        var path = System.IO.Path.Combine(folder, $"{id:D16}{Extension}");
        append = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[SegmentHeader];
        BinaryPrimitives.WriteUInt32LittleEndian(header, SegmentMagic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 1);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], SegmentHeader);
        append.Write(header);
        return new SpoolSegment(id, path) { Length = SegmentHeader, ReadOffset = SegmentHeader };
    }

    public static void WriteRecord(FileStream append, ReadOnlySpan<byte> gzip, int lines, bool flushToDisk)
    {
        Span<byte> header = stackalloc byte[RecordHeader];
        BinaryPrimitives.WriteUInt32LittleEndian(header, RecordMagic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], gzip.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], lines);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], Crc32.HashToUInt32(gzip));
        append.Write(header);
        append.Write(gzip);
        append.Flush(flushToDisk);
    }

    /// <summary>
    /// A segment left by an earlier run: its replay position, and its records up to the first bad one (a torn append
    /// from a crash is cut off). Null, and the file deleted, when it is not a segment or holds nothing left to replay.
    /// </summary>
    public static SpoolSegment? Recover(string path)
    {
        if (!long.TryParse(System.IO.Path.GetFileNameWithoutExtension(path), out var id))
        {
            return null;
        }

        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var fileLength = RandomAccess.GetLength(file);
        Span<byte> header = stackalloc byte[SegmentHeader];
        if (fileLength < SegmentHeader || RandomAccess.Read(file, header, 0) != SegmentHeader || BinaryPrimitives.ReadUInt32LittleEndian(header) != SegmentMagic)
        {
            file.Dispose();
            File.Delete(path);
            return null;
        }

        var readOffset = Math.Clamp(BinaryPrimitives.ReadInt64LittleEndian(header[8..]), SegmentHeader, fileLength);
        var offset = (long)SegmentHeader;
        long unread = 0;
        Span<byte> record = stackalloc byte[RecordHeader];
        while (offset + RecordHeader <= fileLength && RandomAccess.Read(file, record, offset) == RecordHeader
            && BinaryPrimitives.ReadUInt32LittleEndian(record) == RecordMagic)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(record[4..]);
            if (length < 0 || offset + RecordHeader + length > fileLength)
            {
                break;
            }

            if (offset >= readOffset)
            {
                unread += BinaryPrimitives.ReadInt32LittleEndian(record[8..]);
            }

            offset += RecordHeader + length;
        }

        if (offset < fileLength)
        {
            RandomAccess.SetLength(file, offset);
        }

        if (readOffset >= offset)
        {
            file.Dispose();
            File.Delete(path);
            return null;
        }

        return new SpoolSegment(id, path) { ReadOffset = readOffset, Length = offset, UnreadLines = unread };
    }

    /// <summary>The record at <paramref name="offset"/>, if it is whole and its checksum holds.</summary>
    public bool TryRead(long offset, out SpoolRecord record)
    {
        record = default!;
        using var file = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[RecordHeader];
        if (RandomAccess.Read(file, header, offset) != RecordHeader || BinaryPrimitives.ReadUInt32LittleEndian(header) != RecordMagic)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var lines = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (length < 0 || offset + RecordHeader + length > Length)
        {
            return false;
        }

        var gzip = new byte[length];
        if (RandomAccess.Read(file, gzip, offset + RecordHeader) != length
            || Crc32.HashToUInt32(gzip) != BinaryPrimitives.ReadUInt32LittleEndian(header[12..]))
        {
            return false;
        }

        record = new SpoolRecord(Id, offset, lines, gzip);
        return true;
    }

    /// <summary>Writes how far the segment has been replayed into its header, so a restart goes on from there.</summary>
    public void SaveReadOffset()
    {
        using var file = File.OpenHandle(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> offset = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(offset, ReadOffset);
        RandomAccess.Write(file, offset, 8);
    }
}
