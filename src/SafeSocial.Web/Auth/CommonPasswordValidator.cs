using Microsoft.AspNetCore.Identity;
using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Auth;

/// <summary>NCSC: refuse the passwords attackers try first, rather than demanding symbols.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "passwordpassword", "123456789012", "qwertyuiopas", "iloveyou1234", "welcome12345",
        "letmein12345", "administrator", "changeme1234", "password12345", "qwerty123456", "1234567890ab",
        "abcdefghijkl", "aaaaaaaaaaaa", "schoolschool", "teacher12345", "safesocial123", "football1234",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        var p = password.Trim();
        var refused = Common.Contains(p)
            || p.Contains(user.UserName ?? "\u0000", StringComparison.OrdinalIgnoreCase)
            || p.Distinct().Count() < 4;
        return Task.FromResult(refused
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = "Choose a password that is harder to guess: three or four random words together work well" })
            : IdentityResult.Success);
    }
}
