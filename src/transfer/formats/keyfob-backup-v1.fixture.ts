/**
 * A version 1 Keyfob backup, as Keyfob wrote them before version 2 added the person's own
 * details (linked, pinned, last used, automatic fill). Made with a tiny scrypt cost (N=16,
 * r=1, p=1) so tests open it fast. Holds two test accounts, not anyone's secrets.
 */
export const KEYFOB_V1_BACKUP = {
  password: 'correct horse battery staple',
  text: '{"header":{"format":"keyfob-backup","version":1,"kdf":{"name":"scrypt","N":16,"r":1,"p":1,"salt":"a37tYMylLkxq3gtjFGOCS7fcqs/ipackIpnWc8BQhvM="},"cipher":{"name":"AES-256-GCM","iv":"OrVxRMcTtW3fBC//"}},"data":"yozm6lZjBJLJmMGSIGNfWyL34D4wwtNs7s2JyayFQFTi8lHgnHatjLyZmPKoBA2Thp0S63ddjdiV284aUYOwKjQT+dTL2BtKmenDwsT+1+viH5DZRA5od2JHkRZh6PlJXJMPw/lX4jNS1V+kvCpwFzU0e0kn6w0b90eZtXLuQK73bx4j+b+HV5gASwzRuoH0tVAFl8wrtIpWQOjVRK1E2WT2tuhmsEVRHr4Uu5yR+esmu4EQ/RzMPXGs63cX+OkSQWxCUt2IAj2QP9peaZukXbEuHrskKskHGltXOf5m0BGVdvW3kPikNLy5VP2CtkZjV0PtJpFZEwqAParWbds2xwlYX/iN0gDTfYHtcdouA9etmSqfUxSmdNIhSbFx6RbO3uAzmRsXUB31yZBdstaBhx9xqQDMWI0YGnTgCAB0K1M7k2/vqE6gQVNIR9hS1s2tf9ebitBQSvFtRnIPos5Dq7P9x4YmtRlyHSM97yGfNjZ7hKEjz05ohcpPSz65QKRHK05aBt93UiU9Yidk4PfZUR8kfRKMw1oRfK7IyeOwA2q82xLQKmQ+amkuZiBeDgni5ovkIv/7G65v23wwjTO0Yzvzz+rTRoCKxzU/s13mHLHqR79hTTXmecawzGrhTQjeWNsy1ni+Cx8sb2usLljtK1g86c2jZGicBoqR2XikiomfuaffQ0Qsy767eJsTZfwfIvRvqDH1Wd5QrpIuro1z","sha256":"983f9c3a205ee17d612282e9b1ccfc0e35491d6f2bb7172b397f27a2cd4221e3"}\n',
};
