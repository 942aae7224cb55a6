using System.Text.Json;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Cli.Report.Checks;

namespace WindowsNodeOperator.Cli.Report;

/// <summary>Writes the report's rows in the chosen format, with a summary line and, for failing checks, what to change.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(TextWriter output, IReadOnlyList<ReportRow> rows, OutputFormat format, Terminal terminal, bool checks)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(Json(rows).ToJsonString(Indented));
                return;
            case OutputFormat.Csv:
                Lines(output, Wide(rows, checks).Csv());
                return;
            case OutputFormat.Markdown:
                Lines(output, Wide(rows, checks).Markdown());
                output.WriteLine();
                Lines(output, Summary(rows, checks).Select(l => "- " + l));
                return;
            default:
                Lines(output, Narrow(rows).Aligned((column, cell) => column == 6 ? terminal.Paint(cell, Colour(cell)) : cell));
                if (checks && rows.Count > 0)
                {
                    output.WriteLine();
                    Lines(output, Checks(rows).Aligned((column, cell) => column > 0 ? terminal.Paint(cell, Colour(cell)) : cell));
                }

                output.WriteLine();
                Lines(output, Summary(rows, checks).SelectMany(l => Wrap.Lines(l)));
                return;
        }
    }

    /// <summary>The 80-column table: the node's first DNS label, and the AMI only as latest or older.</summary>
    private static TextTable Narrow(IReadOnlyList<ReportRow> rows)
    {
        var table = new TextTable(["NODE", "GROUP", "ZONE", "AGE", "EXPIRES", "AMI", "VERDICT"]);
        foreach (var row in rows)
        {
            table.Add(ShortName(row.Node), row.Group ?? "unmanaged", row.Zone ?? "-", Durations.Short(row.Age), Durations.Short(row.ExpiresIn),
                row.OnLatest switch { true => "latest", false => "older", null => "?" }, Verdict(row.Verdict));
        }

        return table;
    }

    private static TextTable Checks(IReadOnlyList<ReportRow> rows)
    {
        var table = new TextTable(["NODE", .. Enum.GetValues<HardeningCheck>().Select(CheckAdvice.Column)]);
        foreach (var row in rows)
        {
            table.Add([ShortName(row.Node), .. row.Checks.Select(c => c.Mark)]);
        }

        return table;
    }

    private static TextTable Wide(IReadOnlyList<ReportRow> rows, bool checks)
    {
        string[] headers = ["node", "group", "instance", "zone", "ami", "ami_name", "latest_ami", "on_latest", "windows", "edition", "kubernetes",
            "launch_time", "age_days", "expires_in_days", "verdict"];
        var table = new TextTable([.. headers, .. checks ? Enum.GetValues<HardeningCheck>().Select(c => CheckAdvice.Column(c).ToLowerInvariant()) : []]);
        foreach (var r in rows)
        {
            table.Add([r.Node, r.Group ?? "unmanaged", r.InstanceId ?? "", r.Zone ?? "", r.ImageId ?? "", r.ImageName ?? "", r.LatestImageId ?? "",
                r.OnLatest?.ToString().ToLowerInvariant() ?? "", r.WindowsVersion ?? "", r.Edition ?? "", r.KubernetesVersion,
                r.LaunchTime?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "", Days(r.Age), Days(r.ExpiresIn), Verdict(r.Verdict),
                .. r.Checks.Select(c => c.Mark)]);
        }

        return table;
    }

    public static IEnumerable<string> Summary(IReadOnlyList<ReportRow> rows, bool checks)
    {
        var counts = Enum.GetValues<ReportVerdict>().Select(v => $"{rows.Count(r => r.Verdict == v)} {Verdict(v)}");
        yield return $"{rows.Count} Windows nodes: {string.Join(", ", counts)}";
        if (!checks)
        {
            yield break;
        }

        var failing = rows.Count(r => r.Checks.Any(c => c.Outcome == CheckOutcome.Fail));
        yield return $"hardening: {failing} of {rows.Count} nodes fail a check";
        foreach (var check in Enum.GetValues<HardeningCheck>())
        {
            var failed = rows.Where(r => r.Checks.Any(c => c.Check == check && c.Outcome == CheckOutcome.Fail)).ToList();
            if (failed.Count > 0)
            {
                yield return $"  {CheckAdvice.Column(check)} {CheckAdvice.Name(check)}: {failed.Count} failing ({string.Join(", ", failed.Select(r => ShortName(r.Node)).Take(3))}{(failed.Count > 3 ? ", ..." : "")})";
                yield return $"    fix: {CheckAdvice.Fix(check)}";
            }
        }
    }

    private static JsonObject Json(IReadOnlyList<ReportRow> rows) => new()
    {
        ["nodes"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["node"] = r.Node,
            ["group"] = r.Group,
            ["instance"] = r.InstanceId,
            ["zone"] = r.Zone,
            ["ami"] = r.ImageId,
            ["amiName"] = r.ImageName,
            ["latestAmi"] = r.LatestImageId,
            ["onLatest"] = r.OnLatest,
            ["windowsVersion"] = r.WindowsVersion,
            ["edition"] = r.Edition,
            ["kubernetesVersion"] = r.KubernetesVersion,
            ["launchTime"] = r.LaunchTime,
            ["ageSeconds"] = r.Age is { } age ? (long)age.TotalSeconds : null,
            ["expiresInSeconds"] = r.ExpiresIn is { } expires ? (long)expires.TotalSeconds : null,
            ["verdict"] = Verdict(r.Verdict),
            ["checks"] = new JsonObject(r.Checks.Select(c => KeyValuePair.Create(
                JsonNamingPolicy.CamelCase.ConvertName(c.Check.ToString()),
                (JsonNode?)new JsonObject { ["result"] = c.Outcome.ToString().ToLowerInvariant(), ["detail"] = c.Detail, ["fix"] = c.Outcome == CheckOutcome.Fail ? CheckAdvice.Fix(c.Check) : null }))),
        })]),
        ["summary"] = new JsonObject(Enum.GetValues<ReportVerdict>().Select(v => KeyValuePair.Create(Verdict(v), (JsonNode?)rows.Count(r => r.Verdict == v)))),
    };

    private static string Verdict(ReportVerdict verdict) => verdict.ToString().ToLowerInvariant();

    private static ConsoleColor Colour(string cell) => cell switch
    {
        "compliant" or "ok" => ConsoleColor.Green,
        "expired" or "drifted" or "FAIL" => ConsoleColor.Red,
        "unmanaged" or "?" => ConsoleColor.Yellow,
        _ => ConsoleColor.Gray,
    };

    private static string Days(TimeSpan? span) =>
        span is { } value ? Math.Round(value.TotalDays, 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    private static string ShortName(string node) => node.Split('.')[0];

    private static void Lines(TextWriter output, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }
}
