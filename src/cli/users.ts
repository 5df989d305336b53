/** The CLI's user commands use the same service as the admin pages. */
export { createUser, CreateUserInput } from '../users/users.service';
