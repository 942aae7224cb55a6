using System.Collections.Concurrent;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// The AMI of each launch template version. Versions are immutable, so an explicit version is asked once;
/// <c>$Latest</c> and <c>$Default</c> move and are asked every time.
/// </summary>
internal sealed class LaunchTemplateImageCache(ILaunchTemplates templates)
{
    private readonly ConcurrentDictionary<(string, string), LaunchTemplateImage> _images = new();

    public async Task<LaunchTemplateImage> GetAsync(LaunchTemplateRef template, CancellationToken ct)
    {
        var key = (template.Id ?? template.Name ?? string.Empty, template.Version);
        if (template.IsExplicit && _images.TryGetValue(key, out var known))
        {
            return known;
        }

        var image = await templates.GetImageIdAsync(template, ct).ConfigureAwait(false);
        if (image.Template.IsExplicit)
        {
            _images[(image.Template.Id ?? image.Template.Name ?? key.Item1, image.Template.Version)] = image;
            _images[(key.Item1, image.Template.Version)] = image;
        }

        return image;
    }
}
