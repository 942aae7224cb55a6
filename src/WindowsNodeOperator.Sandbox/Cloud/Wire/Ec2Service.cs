using System.Globalization;
using System.Xml.Linq;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using static WindowsNodeOperator.Sandbox.Cloud.Wire.Ec2Protocol;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The EC2 actions the operator makes, over the EC2 protocol (<c>Version=2016-11-15</c>, lists as <c>Name.N</c>).
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
/// </summary>
internal sealed class Ec2Service(SimulatedCloud cloud) : IWireService
{
    public WireResponse Handle(WireRequest request)
    {
        var form = QueryForm.Read(request, QueryFlavor.Ec2);
        var action = form.Get("Action") ?? throw new SimulatedAwsException("MissingAction", 400, "The request must contain the parameter Action");
        if (form.Bool("DryRun") == true)
        {
            throw new SimulatedAwsException("DryRunOperation", 412, "Request would have succeeded, but DryRun flag is set.");
        }

        IEnumerable<XElement> content = action switch
        {
            "DescribeInstances" => DescribeInstances(form),
            "DescribeImages" => DescribeImages(form),
            "DescribeSecurityGroups" => DescribeSecurityGroups(form),
            "DescribeVolumes" => DescribeVolumes(form),
            "DescribeLaunchTemplateVersions" => DescribeLaunchTemplateVersions(form),
            "CreateLaunchTemplateVersion" => CreateLaunchTemplateVersion(form),
            _ => throw new SimulatedAwsException("InvalidAction", 400, $"The action {action} is not valid for this web service."),
        };
        return Ok(action, content);
    }

    public WireResponse Error(string code, int statusCode, string message) => Ec2Protocol.Error(code, statusCode, message);

    public WireResponse MissingAuthentication() => Error(
        "MissingAuthenticationToken", 403, "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.");

    private IEnumerable<XElement> DescribeInstances(QueryForm form)
    {
        var ids = form.List("InstanceId");
        var maxResults = form.Int("MaxResults");
        if (ids.Count > 0 && maxResults is not null)
        {
            throw new SimulatedAwsException("InvalidParameterCombination", 400, "The parameter instancesSet cannot be used with the parameter maxResults");
        }

        var filters = WireFilter.Read(form);
        var matching = cloud.Ec2.DescribeInstances(ids.Count > 0 ? ids : null)
            .Where(i => filters.All(f => Ec2Filters.Matches(f, i)))
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
            .ToList();
        var (page, next) = Page(form, matching, min: 5, max: 1000);
        return [Set("reservationSet", page.Select(Ec2Xml.Reservation)), .. NextToken(next)];
    }

    private IEnumerable<XElement> DescribeImages(QueryForm form)
    {
        // ImageIds fails the whole call on one unknown id; an image-id filter just leaves it out.
        var ids = form.List("ImageId");
        var filters = WireFilter.Read(form);
        var matching = cloud.Ec2.DescribeImages(ids.Count > 0 ? ids : null)
            .Where(i => filters.All(f => Ec2Filters.Matches(f, i)))
            .OrderBy(i => i.ImageId, StringComparer.Ordinal)
            .ToList();
        var (page, next) = Page(form, matching, min: 1, max: 1000);
        return [Set("imagesSet", page.Select(Ec2Xml.Image)), .. NextToken(next)];
    }

    private IEnumerable<XElement> DescribeSecurityGroups(QueryForm form)
    {
        var ids = form.List("GroupId");
        var filters = WireFilter.Read(form);
        var matching = cloud.Ec2.DescribeSecurityGroups(ids.Count > 0 ? ids : null)
            .Where(g => filters.All(f => Ec2Filters.Matches(f, g)))
            .OrderBy(g => g.GroupId, StringComparer.Ordinal)
            .ToList();
        var (page, next) = Page(form, matching, min: 5, max: 1000);
        return [Set("securityGroupInfo", page.Select(Ec2Xml.SecurityGroup)), .. NextToken(next)];
    }

    private IEnumerable<XElement> DescribeVolumes(QueryForm form)
    {
        var ids = form.List("VolumeId");
        var filters = WireFilter.Read(form);
        var matching = cloud.Ec2.DescribeVolumes(ids.Count > 0 ? ids : null)
            .Where(v => filters.All(f => Ec2Filters.Matches(f, v)))
            .OrderBy(v => v.VolumeId, StringComparer.Ordinal)
            .ToList();
        var (page, next) = Page(form, matching, min: 5, max: 500);
        return [Set("volumeSet", page.Select(Ec2Xml.Volume)), .. NextToken(next)];
    }

    private IEnumerable<XElement> DescribeLaunchTemplateVersions(QueryForm form)
    {
        var template = Template(form);
        if (form.Has("Filter"))
        {
            throw new SimulatedAwsException("InvalidParameterValue", 400, "The simulated account does not filter launch template versions.");
        }

        var min = Version(form, "MinVersion") ?? 1;
        var max = Version(form, "MaxVersion") ?? int.MaxValue;
        var versions = cloud.Ec2.DescribeLaunchTemplateVersions(template, form.List("LaunchTemplateVersion"))
            .Where(v => v.VersionNumber >= min && v.VersionNumber <= max)
            .ToList();
        var (page, next) = Page(form, versions, min: 1, max: 200);
        return [Set("launchTemplateVersionSet", page.Select(Ec2Xml.Version)), .. NextToken(next)];
    }

    private IEnumerable<XElement> CreateLaunchTemplateVersion(QueryForm form)
    {
        var template = Template(form);
        var data = form.Structure("LaunchTemplateData");
        // The simulation derives versions from a source version with a new image; other launch data is not modelled.
        var source = form.Get("SourceVersion") ?? throw new SimulatedAwsException(
            "InvalidParameterCombination", 400, "The simulated account creates versions from a SourceVersion with a new LaunchTemplateData.ImageId only.");
        var imageId = data.Get("ImageId") ?? throw data.Missing("ImageId");
        var created = cloud.Ec2.CreateLaunchTemplateVersion(template, source, imageId, form.Get("VersionDescription"), form.Get("ClientToken"));
        return [E("launchTemplateVersion", [.. Ec2Xml.Version(created)])];
    }

    private static LaunchTemplateSpecification Template(QueryForm form)
    {
        var id = form.Get("LaunchTemplateId");
        var name = form.Get("LaunchTemplateName");
        return id is null && name is null
            ? throw new SimulatedAwsException("MissingParameter", 400, "The request must contain the parameter LaunchTemplateId or LaunchTemplateName")
            : new LaunchTemplateSpecification(id, id is null ? name : null);
    }

    private static int? Version(QueryForm form, string name) => form.Get(name) is { } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw form.Invalid(name, text)
        : null;

    private static (IReadOnlyList<T> Page, string? Next) Page<T>(QueryForm form, IReadOnlyList<T> items, int min, int max) =>
        WirePage.Take(
            items,
            form.Int("MaxResults"),
            int.MaxValue,
            min,
            max,
            form.Get("NextToken"),
            token => new SimulatedAwsException("InvalidParameterValue", 400, $"Invalid value '{token}' for nextToken."),
            n => new SimulatedAwsException("InvalidParameterValue", 400, string.Create(CultureInfo.InvariantCulture, $"Value ( {n} ) for parameter maxResults is invalid. Expecting a value between {min} and {max}.")));

    private static XElement[] NextToken(string? next) => next is null ? [] : [E("nextToken", next)];
}
