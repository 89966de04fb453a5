using Microsoft.AspNetCore.Identity;

namespace SafeSocial.Core.Identity;

/// <summary>A staff member's sign-in account.</summary>
public class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
}
