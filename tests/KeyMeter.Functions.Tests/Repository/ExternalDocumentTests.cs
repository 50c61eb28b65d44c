using System.Diagnostics;
using System.Text.RegularExpressions;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Repository;

/// <summary>
/// The repository explains itself: no file mentions one of the documents the team was briefed with (design notes,
/// style guide, research notes), which are not in the repository, so a reader could not follow the reference. The
/// knowledge goes where it is used, in our own words with public links, or into the README's Architecture section.
/// </summary>
public sealed class ExternalDocumentTests
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

    /// <summary>
    /// The briefing documents, by base name. Kept apart from their extension so that no line of this repository spells
    /// a full name out: samples and the pattern are built from these.
    /// </summary>
    private static readonly string[] BriefingNames = ["design", "style", "cursor-api", "azure-functions-custom-handler", "agent-telemetry", "providers", "lessons-from-peers"];

    private const string Md = ".md";

    /// <summary>Each name as a comment might cite it: upper case, capitalised, inside a path, with a section mark.</summary>
    public static TheoryData<string, string> BriefingMentions()
    {
        var data = new TheoryData<string, string>
        {
            { $"/// Exactly once ({BriefingNames[0].ToUpperInvariant()}{Md} invariant 3).", BriefingNames[0].ToUpperInvariant() + Md },
            { $"<!-- Pure logic ({BriefingNames[1].ToUpperInvariant()}{Md} point 1). -->", BriefingNames[1].ToUpperInvariant() + Md },
            { $"/// Basic auth (reference/{BriefingNames[2]}{Md} §1.2).", BriefingNames[2] + Md },
            { $"/// payload mode ({BriefingNames[3]}{Md} D2).", BriefingNames[3] + Md },
            { $"# see reference/{Capitalised(BriefingNames[4])}{Md}", Capitalised(BriefingNames[4]) + Md },
            { $"see {BriefingNames[5]}{Md}", BriefingNames[5] + Md },
            { $"// the last one wins ({BriefingNames[6]} #3).", BriefingNames[6] },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(BriefingMentions))]
    public void Mentions_BriefingDocument_Found(string line, string expected) =>
        Assert.Equal([expected], Mentions(line, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "README.md" }));

    [Fact]
    public void BriefingMentions_CoverEveryName() =>
        Assert.Equal(BriefingNames.Length, BriefingMentions().Count);

    [Theory]
    [InlineData("/// (https://api.slack.com/reference/block-kit/blocks)")]
    [InlineData("// https://platform.openai.com/docs/api-reference/models/list")]
    [InlineData("See the README's Architecture section and .ci/bicep/README.md.")]
    [InlineData("var style = Read(\"dashboard.css\"); // list-style: none")]
    [InlineData("results land in BenchmarkDotNet.Artifacts, one Markdown report per benchmark")]
    public void Mentions_PublicLinksAndOtherNames_NotFound(string line) =>
        Assert.Empty(Mentions(line, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "README.md" }));

    [Fact]
    public void Mentions_NameInsideALongerName_NotFound() =>
        Assert.Empty(Mentions($"and my-{BriefingNames[5]}{Md}", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "README.md" }));

    [Fact]
    public void Mentions_DocumentTheRepositoryHolds_Allowed() =>
        Assert.Empty(Mentions($"see docs/{BriefingNames[5]}{Md}", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { BriefingNames[5] + Md }));

    /// <summary>
    /// A name with its extension, or the research notes by their bare name (they were cited without one), not inside a
    /// longer word or path segment.
    /// </summary>
    private static readonly Regex BriefingDocument = new(
        $@"(?<![\w-])(?:(?:{string.Join('|', BriefingNames.Select(Regex.Escape))})\{Md}|{Regex.Escape(BriefingNames[6])})(?![\w-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The briefing documents <paramref name="line"/> names, except those a repository file is named after.</summary>
    private static List<string> Mentions(string line, HashSet<string> repositoryFileNames) =>
        [.. BriefingDocument.Matches(line).Select(match => match.Value)
            .Where(name => !repositoryFileNames.Contains(name.EndsWith(Md, StringComparison.OrdinalIgnoreCase) ? name : name + Md))];

    private static string Capitalised(string name) =>
        string.Join('-', name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

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
