using System.Diagnostics;
using System.Text.RegularExpressions;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Repository;

/// <summary>
/// The repository explains itself: no file mentions one of the documents the team was briefed with (design notes,
/// style guide, research notes), which are not in the repository, so a reader could not follow the reference. The
/// knowledge goes where it is used, in our own words with public links, or into the README's Architecture section.
/// </summary>
public sealed partial class ExternalDocumentTests
{
    /// <summary>This file, the one that has to name them.</summary>
    private const string Self = "tests/KeyMeter.Functions.Tests/Repository/ExternalDocumentTests.cs";

    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", ".azurite", "TestResults", "BenchmarkDotNet.Artifacts"];

    [Fact]
    public void RepositoryFiles_MentionNoDocumentOutsideTheRepository()
    {
        var files = RepositoryFiles();
        Assert.Contains("README.md", files);
        Assert.Contains(Self, files);
        var names = files.Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

        var mentions = new List<string>();
        foreach (var file in files.Where(file => file != Self))
        {
            var path = RepositoryPaths.Combine(file.Split('/'));
            if (!File.Exists(path) || IsBinary(path))
            {
                continue;
            }

            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                mentions.AddRange(Mentions(lines[i], names).Select(name => $"{file}:{i + 1}: {name}"));
            }
        }

        Assert.True(mentions.Count == 0, "Documents outside the repository are mentioned; say what they say instead:\n" + string.Join('\n', mentions));
    }

    [Theory]
    [InlineData("/// Exactly once (DESIGN.md invariant 3).", "DESIGN.md")]
    [InlineData("<!-- Pure logic (STYLE.md point 1). -->", "STYLE.md")]
    [InlineData("/// Basic auth (reference/cursor-api.md §1.2).", "cursor-api.md")]
    [InlineData("// the last one wins (lessons-from-peers #3).", "lessons-from-peers")]
    [InlineData("/// payload mode (azure-functions-custom-handler.md D2).", "azure-functions-custom-handler.md")]
    [InlineData("# see reference/Agent-Telemetry.md", "Agent-Telemetry.md")]
    [InlineData("see providers.md", "providers.md")]
    public void Mentions_BriefingDocument_Found(string line, string expected) =>
        Assert.Equal([expected], Mentions(line, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "README.md" }));

    [Theory]
    [InlineData("/// (https://api.slack.com/reference/block-kit/blocks)")]
    [InlineData("// https://platform.openai.com/docs/api-reference/models/list")]
    [InlineData("See the README's Architecture section and .ci/bicep/README.md.")]
    [InlineData("var style = Read(\"dashboard.css\"); // list-style: none")]
    [InlineData("results land in aggregation-benchmark.md and my-providers.md")]
    public void Mentions_PublicLinksAndOtherNames_NotFound(string line) =>
        Assert.Empty(Mentions(line, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "README.md" }));

    [Fact]
    public void Mentions_DocumentTheRepositoryHolds_Allowed() =>
        Assert.Empty(Mentions("see docs/providers.md", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "providers.md" }));

    /// <summary>The briefing documents <paramref name="line"/> names, except those a repository file is named after.</summary>
    private static List<string> Mentions(string line, HashSet<string> repositoryFileNames) =>
        [.. BriefingDocument().Matches(line).Select(match => match.Value)
            .Where(name => !repositoryFileNames.Contains(name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? name : name + ".md"))];

    [GeneratedRegex(
        @"(?<![\w-])(?:(?:design|style|cursor-api|azure-functions-custom-handler|agent-telemetry|providers|lessons-from-peers)\.md|lessons-from-peers)(?![\w-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BriefingDocument();

    /// <summary>
    /// Every file of the repository, relative and with forward slashes: git's tracked and not-ignored files when this is
    /// a git checkout, otherwise the tree without build output and installed packages.
    /// </summary>
    private static List<string> RepositoryFiles()
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", RepositoryPaths.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "git ls-files did not finish in a minute.");
            if (process.ExitCode == 0)
            {
                return [.. output.Result.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: walk the tree instead.
        }

        return [.. Directory.EnumerateFiles(RepositoryPaths.Root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').SkipLast(1).Any(folder => SkippedFolders.Contains(folder, StringComparer.OrdinalIgnoreCase)))];
    }

    private static bool IsBinary(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[8192];
        var read = stream.Read(buffer);
        return buffer.AsSpan(0, read).Contains((byte)0);
    }
}
