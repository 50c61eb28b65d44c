namespace KeyMeter.Testing;

/// <summary>File helpers for tests that work on copies of repository folders.</summary>
internal static class TestFiles
{
    /// <summary>Creates the file's folder and returns the path.</summary>
    public static string EnsureParent(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Copies every file under <paramref name="from"/> whose relative path <paramref name="include"/> accepts (all by default).</summary>
    public static void CopyTree(string from, string to, Func<string, bool>? include = null)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (include is null || include(relative))
            {
                File.Copy(file, Path.Combine(to, relative).EnsureParent());
            }
        }
    }
}
