using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace SafeSocial.Web.Hosting;

public static class DevelopmentPages
{
    /// <summary>Outside Development the folder's pages get no route at all, so they answer 404 and no route list shows them.</summary>
    public static PageConventionCollection DevelopmentOnly(this PageConventionCollection conventions, string folder, IWebHostEnvironment env)
    {
        if (!env.IsDevelopment()) conventions.AddFolderRouteModelConvention(folder, model => model.Selectors.Clear());
        return conventions;
    }
}
