using System.Text.Json;

namespace KeyMeter.Core.Proxy;

/// <summary>
/// The decoded member names of one JSON object, to refuse a duplicate: parsers disagree on which of two equal names
/// wins, so a body that has one could be read one way here and another way by the provider. Small objects are scanned
/// linearly; larger ones switch to a hash set so a hostile object with many members stays linear in time.
/// </summary>
internal sealed class MemberNames
{
    private const int LinearLimit = 8;
    private readonly List<Entry> _entries = [];
    private readonly HashSet<int> _hashes = [];
    private bool _hashed;

    public int Count => _entries.Count;

    public void Clear()
    {
        _entries.Clear();
        if (_hashed)
        {
            _hashes.Clear();
            _hashed = false;
        }
    }

    /// <summary>Adds a name; false when an equal decoded name is already there.</summary>
    /// <param name="body">The body the names were read from.</param>
    /// <param name="decoded">The name with its escapes decoded.</param>
    /// <param name="token">The name's token in <paramref name="body"/>, quotes included.</param>
    /// <param name="escaped">Whether the token holds escapes.</param>
    public bool TryAdd(ReadOnlySpan<byte> body, ReadOnlySpan<byte> decoded, BodyRange token, bool escaped)
    {
        var hash = Hash(decoded);
        var maybeSeen = _hashed ? !_hashes.Add(hash) : HasHash(hash);
        if (maybeSeen && IsPresent(body, decoded, hash))
        {
            return false;
        }

        _entries.Add(new Entry(hash, token, escaped));
        if (!_hashed && _entries.Count > LinearLimit)
        {
            foreach (var entry in _entries)
            {
                _hashes.Add(entry.Hash);
            }

            _hashed = true;
        }

        return true;
    }

    private bool HasHash(int hash)
    {
        foreach (var entry in _entries)
        {
            if (entry.Hash == hash)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsPresent(ReadOnlySpan<byte> body, ReadOnlySpan<byte> decoded, int hash)
    {
        foreach (var entry in _entries)
        {
            if (entry.Hash == hash && Decode(body, entry).AsSpan().SequenceEqual(decoded))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An earlier name, decoded again: rare (only on a hash match), so a small allocation is fine.</summary>
    private static byte[] Decode(ReadOnlySpan<byte> body, Entry entry)
    {
        var token = entry.Token.Of(body);
        if (!entry.Escaped)
        {
            return token[1..^1].ToArray();
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        var buffer = new byte[token.Length];
        var written = reader.CopyString(buffer);
        return buffer[..written];
    }

    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.AddBytes(name);
        return hash.ToHashCode();
    }

    private readonly record struct Entry(int Hash, BodyRange Token, bool Escaped);
}
