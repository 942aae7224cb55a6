using System.Globalization;
using Microsoft.AspNetCore.Http;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>Reads the query parameters kube-apiserver accepts on reads and writes.</summary>
internal static class RequestOptions
{
    public static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public static bool Flag(HttpRequest request, string name) =>
        Query(request, name) is "true" or "1" or "True";

    public static bool DryRun(HttpRequest request)
    {
        var values = request.Query["dryRun"];
        foreach (var value in values)
        {
            if (value != "All")
            {
                throw ApiErrors.Invalid(
                    Resources.BuiltInResources.Namespaces,
                    "",
                    [new FieldProblem("dryRun", "FieldValueNotSupported", $"Unsupported value: \"{value}\": supported values: \"All\"")]);
            }
        }

        return values.Count > 0;
    }

    public static WriteOptions Write(HttpRequest request)
    {
        var validation = Query(request, "fieldValidation") switch
        {
            null or "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            var other => throw ApiErrors.BadRequest($"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
        };
        return new WriteOptions
        {
            DryRun = DryRun(request),
            FieldValidation = validation,
            FieldManager = Query(request, "fieldManager"),
            Force = Flag(request, "force"),
        };
    }

    public static TimeSpan? Timeout(HttpRequest request) =>
        long.TryParse(Query(request, "timeoutSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));
}
