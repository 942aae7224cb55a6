using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.EC2.Model;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>EC2's describe filters (values ORed, filters ANDed, <c>*</c> and <c>?</c> wildcards) and NextToken paging.</summary>
internal static class Ec2Filters
{
    public static bool Matches(Ec2Instance instance, IReadOnlyList<Filter> filters) =>
        filters.All(f => f.Name switch
        {
            "instance-state-name" => Any(f, instance.State.ToAwsName()),
            "instance-id" => Any(f, instance.InstanceId),
            "image-id" => Any(f, instance.ImageId),
            "availability-zone" => Any(f, instance.AvailabilityZone),
            "tag-key" => instance.Tags.Keys.Any(k => Any(f, k)),
            { } name when name.StartsWith("tag:", StringComparison.Ordinal) =>
                instance.Tags.TryGetValue(name[4..], out var value) && Any(f, value),
            _ => throw Unknown(f),
        });

    public static bool Matches(Ec2Image image, IReadOnlyList<Filter> filters) =>
        filters.All(f => f.Name switch
        {
            "image-id" => Any(f, image.ImageId),
            "name" => Any(f, image.Name),
            "platform" => image.Platform is { } platform && Any(f, platform),
            _ => throw Unknown(f),
        });

    /// <summary>One page of <paramref name="items"/>: the token is the offset of the next item.</summary>
    public static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, int? maxResults, string? token)
    {
        var offset = 0;
        if (!string.IsNullOrEmpty(token) && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw new SimulatedAwsException("InvalidParameterValue", 400, $"Invalid value '{token}' for NextToken.");
        }

        var size = maxResults ?? int.MaxValue;
        var page = items.Skip(offset).Take(size).ToList();
        var next = offset + page.Count;
        return (page, next < items.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static bool Any(Filter filter, string value) =>
        (filter.Values ?? []).Any(pattern => Regex.IsMatch(value, Glob(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static string Glob(string pattern) =>
        "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";

    private static SimulatedAwsException Unknown(Filter filter) =>
        new("InvalidParameterValue", 400, $"The filter '{filter.Name}' is invalid (the simulated account does not model it).");
}
