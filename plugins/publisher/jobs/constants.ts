export const DEPLOY_QUEUE = 'deploy'

/** Local API context flag: the caller has already checked access and sets the deployment's fields itself. REST cannot set context. */
export const TRUSTED_CREATE = 'publisherTrustedCreate'
