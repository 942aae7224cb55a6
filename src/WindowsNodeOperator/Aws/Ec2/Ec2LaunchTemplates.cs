using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ec2;

/// <summary>Launch template versions through DescribeLaunchTemplateVersions and CreateLaunchTemplateVersion.</summary>
internal sealed class Ec2LaunchTemplates(IAmazonEC2 ec2, IAwsCallPipeline pipeline) : ILaunchTemplates
{
    public async Task<LaunchTemplateRef> CreateVersionWithImageAsync(
        LaunchTemplateRef source, string imageId, string description, CancellationToken ct)
    {
        Validate(source);
        ArgumentException.ThrowIfNullOrEmpty(imageId);
        ArgumentNullException.ThrowIfNull(description);

        // 1. SourceVersion takes a number: pin $Latest/$Default first, so the new version and its token are exact.
        var basis = source.IsExplicit ? source : (await GetImageIdAsync(source, ct)).Template;

        // 2. A token derived from the request makes the call idempotent: a retry, or a reconcile repeated after a
        //    crash, gets the version the first attempt created instead of a second one.
        //    https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html
        var request = new CreateLaunchTemplateVersionRequest
        {
            LaunchTemplateId = basis.Id,
            LaunchTemplateName = basis.Id is null ? basis.Name : null,
            SourceVersion = basis.Version,
            VersionDescription = description,
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = imageId },
            ClientToken = ClientToken(basis, imageId, description),
        };
        var response = await pipeline.ExecuteAsync(
            AwsServices.Ec2, "CreateLaunchTemplateVersion", safeToRepeat: true, c => ec2.CreateLaunchTemplateVersionAsync(request, c), ct);
        var created = response.LaunchTemplateVersion
            ?? throw new InvalidOperationException($"CreateLaunchTemplateVersion for {Describe(basis)} returned no version.");
        return ToRef(created);
    }

    public async Task<LaunchTemplateImage> GetImageIdAsync(LaunchTemplateRef launchTemplate, CancellationToken ct)
    {
        Validate(launchTemplate);
        var request = new DescribeLaunchTemplateVersionsRequest
        {
            LaunchTemplateId = launchTemplate.Id,
            LaunchTemplateName = launchTemplate.Id is null ? launchTemplate.Name : null,
            Versions = [launchTemplate.Version],
            // An ImageId of "resolve:ssm:..." comes back as the AMI id it points at.
            ResolveAlias = true,
        };
        var response = await pipeline.ExecuteAsync(
            AwsServices.Ec2, "DescribeLaunchTemplateVersions", safeToRepeat: true, c => ec2.DescribeLaunchTemplateVersionsAsync(request, c), ct);
        var version = response.LaunchTemplateVersions?.FirstOrDefault()
            ?? throw new InvalidOperationException($"Launch template {Describe(launchTemplate)} has no such version.");
        return new LaunchTemplateImage(ToRef(version), string.IsNullOrEmpty(version.LaunchTemplateData?.ImageId) ? null : version.LaunchTemplateData.ImageId);
    }

    internal static string ClientToken(LaunchTemplateRef basis, string imageId, string description)
    {
        var text = string.Join('\n', basis.Id ?? string.Empty, basis.Name ?? string.Empty, basis.Version, imageId, description);
        return "wno-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static LaunchTemplateRef ToRef(LaunchTemplateVersion version) => new(
        version.LaunchTemplateId,
        version.LaunchTemplateName,
        version.VersionNumber?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException($"Launch template {version.LaunchTemplateId} returned a version without a number."));

    private static void Validate(LaunchTemplateRef template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (string.IsNullOrEmpty(template.Id) && string.IsNullOrEmpty(template.Name))
        {
            throw new ArgumentException("A launch template needs an id or a name.", nameof(template));
        }

        ArgumentException.ThrowIfNullOrEmpty(template.Version, nameof(template));
    }

    private static string Describe(LaunchTemplateRef template) => $"{template.Id ?? template.Name} version {template.Version}";
}
