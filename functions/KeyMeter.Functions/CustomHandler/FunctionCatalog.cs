using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// The functions of the app, read from every <c>{appRoot}/{name}/function.json</c>: the single source of truth for
/// routes, schedules and queue names (README, Architecture).
/// </summary>
internal sealed class FunctionCatalog
{
    /// <summary>Distinct paths remembered by <see cref="TryMatchHttpPath"/> before the memo starts over.</summary>
    private const int MaxRememberedPaths = 1024;

    private readonly IReadOnlyList<HttpRoute> _routes;

    // What TryMatchHttpPath answered per path: every request asks (the cross-origin guard, the local function key) and
    // real traffic uses a handful of paths. Paths are the client's, so the memo is bounded and starts over when full.
    private readonly ConcurrentDictionary<string, HttpFunctionDefinition?> _pathMatches = new(StringComparer.Ordinal);

    private FunctionCatalog(string appRoot, IReadOnlyList<FunctionDefinition> functions, IReadOnlyList<HttpRoute> routes)
    {
        AppRoot = appRoot;
        Functions = functions;
        _routes = routes;
    }

    public string AppRoot { get; }

    /// <summary>All functions, ordered by name.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public IEnumerable<HttpFunctionDefinition> HttpFunctions => Functions.OfType<HttpFunctionDefinition>();

    public IEnumerable<TimerFunctionDefinition> TimerFunctions => Functions.OfType<TimerFunctionDefinition>();

    public IEnumerable<ServiceBusFunctionDefinition> ServiceBusFunctions => Functions.OfType<ServiceBusFunctionDefinition>();

    public FunctionDefinition? Find(string name) =>
        Functions.FirstOrDefault(function => string.Equals(function.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads every function folder under <paramref name="appRoot"/>.</summary>
    /// <param name="appRoot">The folder holding host.json and one folder per function.</param>
    /// <param name="appSettings">Resolves <c>%name%</c> in schedules and queue names; null when none are used.</param>
    /// <exception cref="InvalidOperationException">The folder is missing or any function.json is invalid; the message
    /// lists every problem with the function it belongs to.</exception>
    public static FunctionCatalog Load(string appRoot, Func<string, string?>? appSettings = null)
    {
        // 1. The app root.
        if (!Directory.Exists(appRoot))
        {
            throw new InvalidOperationException($"The function app root '{appRoot}' does not exist.");
        }

        // 2. One function per folder that holds a function.json; collect every problem.
        var errors = new List<string>();
        var functions = new List<FunctionDefinition>();
        foreach (var directory in Directory.EnumerateDirectories(appRoot).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, "function.json");
            if (!File.Exists(path))
            {
                continue;
            }

            var name = Path.GetFileName(directory);
            FunctionJson? json;
            try
            {
                using var stream = File.OpenRead(path);
                json = JsonSerializer.Deserialize(stream, FunctionJsonContext.Default.FunctionJson);
            }
            catch (JsonException exception)
            {
                errors.Add($"{name}/function.json is not valid function metadata: {exception.Message}");
                continue;
            }

            var parsed = json is null
                ? DecodeResult<FunctionDefinition>.Failure("the file holds JSON null.")
                : FunctionDefinitionParser.Parse(name, json, appSettings);
            if (parsed.Succeeded)
            {
                functions.Add(parsed.Value);
            }
            else
            {
                errors.Add($"{name}/function.json: {parsed.Error}");
            }
        }

        // 3. Routes of the enabled HTTP functions, most specific first.
        var routes = new List<HttpRoute>();
        foreach (var function in functions.OfType<HttpFunctionDefinition>().Where(function => !function.Disabled))
        {
            if (HttpRoute.TryCreate(function, out var route, out var routeError))
            {
                routes.Add(route);
            }
            else
            {
                errors.Add($"{function.Name}/function.json: {routeError}");
            }
        }

        // 4. Fail with every problem at once.
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The function metadata in '{appRoot}' is invalid:{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", errors)}");
        }

        var orderedRoutes = routes.OrderBy(route => route.Precedence).ThenBy(route => route.Function.Name, StringComparer.Ordinal).ToList();
        return new FunctionCatalog(appRoot, functions, orderedRoutes);
    }

    /// <summary>
    /// Fails when a payload-mode function has no registered handler, or a handler has no payload-mode function.json.
    /// </summary>
    /// <exception cref="InvalidOperationException">Lists every mismatch.</exception>
    public void Validate(IEnumerable<IPayloadFunction> handlers)
    {
        var names = handlers.Select(handler => handler.Name).ToList();
        var errors = names.GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => $"More than one IPayloadFunction is named '{group.Key}'.")
            .ToList();

        foreach (var function in Functions.Where(function => function.IsPayloadMode && !function.Disabled))
        {
            if (!names.Contains(function.Name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Function '{function.Name}' ({function.TriggerType}) has no registered IPayloadFunction named '{function.Name}'.");
            }
        }

        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var function = Find(name);
            if (function is null)
            {
                errors.Add($"IPayloadFunction '{name}' has no function.json; expected {Path.Combine(AppRoot, name, "function.json")}.");
            }
            else if (!function.IsPayloadMode)
            {
                errors.Add($"IPayloadFunction '{name}' belongs to a proxied HTTP function; the host proxies its requests and never posts a payload.");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The payload functions do not match the function metadata in '{AppRoot}':{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", errors)}");
        }
    }

    /// <summary>The enabled HTTP function whose route and methods match the request, most specific route first.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path without query (routePrefix is "").</param>
    /// <param name="function">The matched function.</param>
    /// <param name="routeValues">The route parameters of the match.</param>
    public bool TryMatchHttp(
        string method,
        PathString path,
        [NotNullWhen(true)] out HttpFunctionDefinition? function,
        [NotNullWhen(true)] out RouteValueDictionary? routeValues)
    {
        foreach (var route in _routes)
        {
            var values = new RouteValueDictionary();
            if (route.TryMatch(method, path, values))
            {
                function = route.Function;
                routeValues = values;
                return true;
            }
        }

        function = null;
        routeValues = null;
        return false;
    }

    /// <summary>The enabled HTTP function whose route matches <paramref name="path"/> whatever the method, most specific first.</summary>
    public bool TryMatchHttpPath(PathString path, [NotNullWhen(true)] out HttpFunctionDefinition? function)
    {
        var key = path.Value ?? "";
        if (!_pathMatches.TryGetValue(key, out function))
        {
            function = Match(path);
            if (_pathMatches.Count >= MaxRememberedPaths)
            {
                _pathMatches.Clear();
            }

            _pathMatches[key] = function;
        }

        return function is not null;
    }

    private HttpFunctionDefinition? Match(PathString path)
    {
        var values = new RouteValueDictionary();
        foreach (var route in _routes)
        {
            if (route.TryMatchPath(path, values))
            {
                return route.Function;
            }

            values.Clear();
        }

        return null;
    }
}
