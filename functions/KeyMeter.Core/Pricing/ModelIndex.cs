namespace KeyMeter.Core.Pricing;

/// <summary>
/// Resolves a model id as sent by a client to a table entry, without allocating:
/// exact id or alias first, then the longest matching prefix (so <c>gpt-5.1-codex-mini-…</c> is never
/// priced as <c>gpt-5.1-codex</c>). Ids, aliases and prefixes are unique across the table (validated),
/// so the answer does not depend on the order of the file.
/// </summary>
internal sealed class ModelIndex
{
    private const string LatestSuffix = "-latest";

    private readonly Dictionary<string, ModelPricing>.AlternateLookup<ReadOnlySpan<char>> _byId;
    private readonly (string Prefix, ModelPricing Model)[] _prefixesLongestFirst;

    public ModelIndex(IReadOnlyList<ModelPricing> models)
    {
        var byId = new Dictionary<string, ModelPricing>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            byId[model.Model.Trim()] = model;
            foreach (var alias in model.Aliases)
            {
                byId[alias.Trim()] = model;
            }
        }

        _byId = byId.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixesLongestFirst = [.. models
            .SelectMany(model => model.Prefixes, (model, prefix) => (Prefix: prefix.Trim(), Model: model))
            .OrderByDescending(entry => entry.Prefix.Length)
            .ThenBy(entry => entry.Prefix, StringComparer.OrdinalIgnoreCase)];
    }

    /// <param name="provider">Only models of this provider match; empty matches any provider.</param>
    /// <param name="model">A client's model id, e.g. <c>anthropic/claude-sonnet-4-5-20250929</c> or <c>gpt-5-chat-latest</c>.</param>
    public ModelPricing? Match(string provider, string model)
    {
        // 1. Drop a routing prefix such as "openai/", "anthropic/" or Google's "models/".
        var id = model.AsSpan().Trim();
        id = id[(id.LastIndexOf('/') + 1)..];

        // 2. Exact id or alias, as sent and without a "-latest" suffix.
        if (Exact(provider, id) is { } exact)
        {
            return exact;
        }

        if (id.EndsWith(LatestSuffix, StringComparison.OrdinalIgnoreCase)
            && Exact(provider, id[..^LatestSuffix.Length]) is { } withoutLatest)
        {
            return withoutLatest;
        }

        // 3. The longest prefix (a prefix of the id without "-latest" is also a prefix of the id).
        foreach (var (prefix, candidate) in _prefixesLongestFirst)
        {
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && IsProvider(candidate, provider))
            {
                return candidate;
            }
        }

        return null;
    }

    private ModelPricing? Exact(string provider, ReadOnlySpan<char> id) =>
        _byId.TryGetValue(id, out var model) && IsProvider(model, provider) ? model : null;

    private static bool IsProvider(ModelPricing model, string provider) =>
        provider.Length == 0 || string.Equals(model.Provider, provider, StringComparison.OrdinalIgnoreCase);
}
