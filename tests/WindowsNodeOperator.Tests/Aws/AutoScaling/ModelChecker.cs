using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>Checks Query requests and XML answers against the model's shapes; returns every violation found.</summary>
internal sealed class ModelChecker(BotocoreModel model)
{
    public IReadOnlyList<string> CheckRequest(IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var problems = new List<string>();
        var fields = form.ToLookup(p => p.Key, p => p.Value);
        var action = fields["Action"].SingleOrDefault();
        var operation = action is null ? null : model.Operation(action);
        if (operation is null)
        {
            return [$"Action '{action}' is not an operation of the model."];
        }

        if (fields["Version"].SingleOrDefault() != (string?)model.Metadata["apiVersion"])
        {
            problems.Add($"{action}: Version must be {model.Metadata["apiVersion"]}.");
        }

        var input = (string?)operation["input"]?["shape"];
        var parameters = form.Where(p => p.Key is not "Action" and not "Version").ToList();
        if (input is null)
        {
            problems.AddRange(parameters.Select(p => $"{action}: takes no input but got {p.Key}."));
            return problems;
        }

        foreach (var duplicate in parameters.GroupBy(p => p.Key).Where(g => g.Count() > 1))
        {
            problems.Add($"{action}: {duplicate.Key} sent twice.");
        }

        foreach (var (key, value) in parameters)
        {
            problems.AddRange(CheckPath(action!, input, key.Split('.'), 0, value, key));
        }

        foreach (var required in (model.Shape(input)["required"]?.AsArray() ?? []).Select(r => (string)r!))
        {
            if (!parameters.Any(p => p.Key == required || p.Key.StartsWith(required + ".", StringComparison.Ordinal)))
            {
                problems.Add($"{action}: required member {required} missing.");
            }
        }

        return problems;
    }

    /// <summary>Walks an answer's result element against the operation's output shape.</summary>
    public IReadOnlyList<string> CheckResponse(string action, XElement root)
    {
        var operation = model.Operation(action) ?? throw new ArgumentException($"No operation {action}.");
        var problems = new List<string>();
        if (root.Name.LocalName != $"{action}Response")
        {
            problems.Add($"root is <{root.Name.LocalName}>, expected <{action}Response>.");
        }

        if (root.Name.NamespaceName != (string?)model.Metadata["xmlNamespace"])
        {
            problems.Add($"namespace is '{root.Name.NamespaceName}'.");
        }

        var output = operation["output"];
        var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == (string?)output?["resultWrapper"]);
        if (output is not null && result is null)
        {
            problems.Add($"no <{output["resultWrapper"]}>.");
        }
        else if (output is not null)
        {
            CheckElement((string)output["shape"]!, result!, action, problems);
        }

        return problems;
    }

    private IEnumerable<string> CheckPath(string action, string shapeName, string[] parts, int index, string value, string key)
    {
        var shape = model.Shape(shapeName);
        switch ((string)shape["type"]!)
        {
            case "structure":
                if (index >= parts.Length)
                {
                    return [$"{action}: {key} stops at structure {shapeName}."];
                }

                var member = Members(shape).FirstOrDefault(m => m.Wire == parts[index]);
                return member.Shape is null
                    ? [$"{action}: {key}: '{parts[index]}' is not a member of {shapeName}."]
                    : CheckPath(action, member.Shape, parts, index + 1, value, key);
            case "list":
                var item = shape["member"]!.AsObject();
                var flattened = (bool?)shape["flattened"] ?? false;
                var wire = (string?)item["locationName"] ?? "member";
                if (!flattened)
                {
                    if (index >= parts.Length || parts[index] != wire)
                    {
                        // An empty list is sent as the bare name with no value.
                        return index == parts.Length && value.Length == 0 ? [] : [$"{action}: {key}: list {shapeName} needs '.{wire}.N'."];
                    }

                    index++;
                }

                return index < parts.Length && int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                    ? CheckPath(action, (string)item["shape"]!, parts, index + 1, value, key)
                    : [$"{action}: {key}: list {shapeName} needs a 1-based index."];
            case "map":
                return [$"{action}: {key}: maps are not used by this client."];
            default:
                return index == parts.Length
                    ? CheckScalar(shapeName, shape, value).Select(p => $"{action}: {key}: {p}")
                    : [$"{action}: {key}: {shapeName} is a scalar."];
        }
    }

    private void CheckElement(string shapeName, XElement element, string where, List<string> problems)
    {
        var shape = model.Shape(shapeName);
        switch ((string)shape["type"]!)
        {
            case "structure":
                var members = Members(shape).ToList();
                foreach (var child in element.Elements())
                {
                    var member = members.FirstOrDefault(m => m.Wire == child.Name.LocalName);
                    if (member.Shape is null)
                    {
                        problems.Add($"{where}: <{child.Name.LocalName}> is not a member of {shapeName}.");
                    }
                    else
                    {
                        CheckElement(member.Shape, child, $"{where}/{child.Name.LocalName}", problems);
                    }
                }

                break;
            case "list":
                var item = shape["member"]!.AsObject();
                var wire = (string?)item["locationName"] ?? "member";
                foreach (var child in element.Elements())
                {
                    if (child.Name.LocalName != wire)
                    {
                        problems.Add($"{where}: list item <{child.Name.LocalName}>, expected <{wire}>.");
                    }
                    else
                    {
                        CheckElement((string)item["shape"]!, child, $"{where}/{wire}", problems);
                    }
                }

                break;
            default:
                if (element.HasElements)
                {
                    problems.Add($"{where}: scalar {shapeName} has child elements.");
                }

                problems.AddRange(CheckScalar(shapeName, shape, element.Value).Select(p => $"{where}: {p}"));
                break;
        }
    }

    private static IEnumerable<(string Wire, string Shape)> Members(JsonObject structure) =>
        structure["members"]!.AsObject().Select(m => ((string?)m.Value!["locationName"] ?? m.Key, (string)m.Value!["shape"]!));

    private static IEnumerable<string> CheckScalar(string shapeName, JsonObject shape, string value)
    {
        switch ((string)shape["type"]!)
        {
            case "integer" or "long":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    yield return $"'{value}' is not an integer ({shapeName}).";
                }
                else if ((shape["min"] is { } min && number < (long)min) || (shape["max"] is { } max && number > (long)max))
                {
                    yield return $"{number} is outside {shapeName}'s range.";
                }

                break;
            case "boolean":
                if (value is not "true" and not "false")
                {
                    yield return $"'{value}' is not a boolean.";
                }

                break;
            case "timestamp":
                if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                {
                    yield return $"'{value}' is not a timestamp.";
                }

                break;
            case "string":
                if (shape["enum"] is JsonArray allowed && !allowed.Any(a => (string?)a == value))
                {
                    yield return $"'{value}' is not one of {shapeName}'s values.";
                }

                if ((shape["min"] is { } minLength && value.Length < (int)minLength) || (shape["max"] is { } maxLength && value.Length > (int)maxLength))
                {
                    yield return $"'{value}' breaks {shapeName}'s length limits.";
                }

                break;
        }
    }
}
