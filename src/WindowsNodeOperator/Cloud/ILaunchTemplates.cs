namespace WindowsNodeOperator.Cloud;

/// <summary>Reads launch template versions and creates new ones that change only the AMI.</summary>
public interface ILaunchTemplates
{
    /// <summary>
    /// A new version based on <paramref name="source"/> with only the image changed; the returned reference
    /// holds the new explicit version number. Repeating the same request returns the same version.
    /// </summary>
    Task<LaunchTemplateRef> CreateVersionWithImageAsync(LaunchTemplateRef source, string imageId, string description, CancellationToken ct);

    /// <summary>The image of a version, with <c>$Latest</c>/<c>$Default</c> resolved to the explicit version.</summary>
    Task<LaunchTemplateImage> GetImageIdAsync(LaunchTemplateRef launchTemplate, CancellationToken ct);
}
