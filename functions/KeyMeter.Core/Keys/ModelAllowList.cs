namespace KeyMeter.Core.Keys;

/// <summary>Matching of model ids against a key's allow-list: exact ids or <c>prefix*</c> entries.</summary>
public static class ModelAllowList
{
    public static bool Allows(IReadOnlyList<string> allowList, string model)
    {
        if (allowList.Count == 0)
        {
            return true;
        }

        foreach (var entry in allowList)
        {
            var matches = entry.EndsWith('*')
                ? model.StartsWith(entry.AsSpan(0, entry.Length - 1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(entry, model, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
